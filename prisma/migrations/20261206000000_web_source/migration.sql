-- Web pages a collection was filled from, kept so they can be loaded again by hand or on a schedule
-- (refresh_hours; next_run_at is when a web process next starts a load). The graph and the last run
-- may be deleted: the source stays, with the link gone.
CREATE TABLE "web_source" (
  "id" UUID NOT NULL,
  "collection" TEXT NOT NULL,
  "urls" JSONB NOT NULL,
  "crawl" JSONB NOT NULL,
  "graph_id" UUID,
  "refresh_hours" INTEGER,
  "next_run_at" TIMESTAMPTZ(3),
  "last_run_id" UUID,
  "last_run_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "web_source_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "web_source_collection_idx" ON "web_source"("collection");
CREATE INDEX "web_source_next_run_at_idx" ON "web_source"("next_run_at");
ALTER TABLE "web_source" ADD CONSTRAINT "web_source_graph_id_fkey" FOREIGN KEY ("graph_id") REFERENCES "graph"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "web_source" ADD CONSTRAINT "web_source_last_run_id_fkey" FOREIGN KEY ("last_run_id") REFERENCES "run"("id") ON DELETE SET NULL ON UPDATE CASCADE;
