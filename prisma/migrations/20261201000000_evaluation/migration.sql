-- Retrieval scores of a graph version on a set of judged queries, so versions are compared by what
-- they retrieve as well as by their diff: run from the editor (each query a run of the version),
-- recorded by `rag eval`, or by any harness through the API. A version's evaluations go with it.
CREATE TABLE "evaluation" (
  "id" UUID NOT NULL,
  "graph_version_id" UUID NOT NULL,
  "dataset" TEXT NOT NULL,
  "collection" TEXT NOT NULL DEFAULT '',
  "queries" INTEGER NOT NULL,
  "failed" INTEGER NOT NULL DEFAULT 0,
  "status" TEXT NOT NULL DEFAULT 'succeeded',
  "done" INTEGER NOT NULL DEFAULT 0,
  "error" TEXT,
  "metrics" JSONB NOT NULL DEFAULT '{}',
  "settings" JSONB NOT NULL DEFAULT '{}',
  "per_query" JSONB NOT NULL DEFAULT '[]',
  "created_by" TEXT NOT NULL DEFAULT 'local',
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "evaluation_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "evaluation_status_check" CHECK ("status" IN ('running', 'succeeded', 'failed', 'cancelled'))
);
CREATE INDEX "evaluation_graph_version_id_created_at_idx" ON "evaluation"("graph_version_id", "created_at" DESC);
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_graph_version_id_fkey" FOREIGN KEY ("graph_version_id") REFERENCES "graph_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;
