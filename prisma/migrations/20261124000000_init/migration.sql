-- The initial schema (mirrors prisma/schema.prisma). Applied by prisma/migrate.ts, or by
-- `prisma migrate deploy` where Prisma's schema engine is available.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TYPE "run_status" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

CREATE TABLE "graph" (
  "id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT NOT NULL DEFAULT '',
  "draft" JSONB NOT NULL,
  "draft_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "graph_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "graph_name_key" ON "graph"("name");

CREATE TABLE "graph_version" (
  "id" UUID NOT NULL,
  "graph_id" UUID NOT NULL,
  "number" INTEGER NOT NULL,
  "parent_version_id" UUID,
  "spec" JSONB NOT NULL,
  "spec_hash" TEXT NOT NULL,
  "message" TEXT NOT NULL DEFAULT '',
  "created_by" TEXT NOT NULL DEFAULT 'local',
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "graph_version_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "graph_version_graph_id_number_key" ON "graph_version"("graph_id", "number");
CREATE INDEX "graph_version_graph_id_created_at_idx" ON "graph_version"("graph_id", "created_at");

CREATE TABLE "run" (
  "id" UUID NOT NULL,
  "graph_id" UUID NOT NULL,
  "graph_version_id" UUID,
  "endpoint_id" UUID,
  "api_key_prefix" TEXT,
  "source" TEXT NOT NULL DEFAULT 'editor',
  "status" "run_status" NOT NULL DEFAULT 'queued',
  "spec_hash" TEXT NOT NULL,
  "input" JSONB NOT NULL,
  "output" JSONB,
  "error" JSONB,
  "timings" JSONB,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "started_at" TIMESTAMPTZ(3),
  "finished_at" TIMESTAMPTZ(3),
  "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
  CONSTRAINT "run_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "run_graph_id_created_at_idx" ON "run"("graph_id", "created_at" DESC);
CREATE INDEX "run_status_created_at_idx" ON "run"("status", "created_at" DESC);
CREATE INDEX "run_endpoint_id_created_at_idx" ON "run"("endpoint_id", "created_at" DESC);
CREATE INDEX "run_created_at_idx" ON "run"("created_at" DESC);

CREATE TABLE "node_run" (
  "id" UUID NOT NULL,
  "run_id" UUID NOT NULL,
  "node_id" TEXT NOT NULL,
  "node_type" TEXT NOT NULL,
  "attempt" INTEGER NOT NULL DEFAULT 1,
  "status" TEXT NOT NULL,
  "device" TEXT,
  "worker" TEXT,
  "batch_size" INTEGER,
  "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "started_at" TIMESTAMPTZ(3),
  "finished_at" TIMESTAMPTZ(3),
  "input_preview" JSONB,
  "output_preview" JSONB,
  "metrics" JSONB,
  "error_code" TEXT,
  "error_message" TEXT,
  CONSTRAINT "node_run_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "node_run_run_id_node_id_attempt_key" ON "node_run"("run_id", "node_id", "attempt");
CREATE INDEX "node_run_run_id_idx" ON "node_run"("run_id");

CREATE TABLE "run_artifact" (
  "run_id" UUID NOT NULL,
  "node_id" TEXT NOT NULL,
  "data" JSONB NOT NULL,
  "size_bytes" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "run_artifact_pkey" PRIMARY KEY ("run_id", "node_id")
);

CREATE TABLE "endpoint" (
  "id" UUID NOT NULL,
  "slug" TEXT NOT NULL,
  "graph_id" UUID NOT NULL,
  "version_id" UUID,
  "canary_version_id" UUID,
  "canary_percent" INTEGER NOT NULL DEFAULT 0,
  "description" TEXT NOT NULL DEFAULT '',
  "enabled" BOOLEAN NOT NULL DEFAULT true,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "endpoint_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "endpoint_canary_percent_check" CHECK ("canary_percent" BETWEEN 0 AND 100)
);
CREATE UNIQUE INDEX "endpoint_slug_key" ON "endpoint"("slug");

CREATE TABLE "endpoint_revision" (
  "id" UUID NOT NULL,
  "endpoint_id" UUID NOT NULL,
  "version_id" UUID,
  "canary_version_id" UUID,
  "canary_percent" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "endpoint_revision_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "endpoint_revision_endpoint_id_created_at_idx" ON "endpoint_revision"("endpoint_id", "created_at" DESC);

CREATE TABLE "api_key" (
  "id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "prefix" TEXT NOT NULL,
  "hash" TEXT NOT NULL,
  "scopes" TEXT[],
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "last_used_at" TIMESTAMPTZ(3),
  "revoked_at" TIMESTAMPTZ(3),
  CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_key_prefix_key" ON "api_key"("prefix");

CREATE TABLE "collection" (
  "id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT NOT NULL DEFAULT '',
  "embedding_model" TEXT,
  "dims" INTEGER,
  "chunk_count" INTEGER NOT NULL DEFAULT 0,
  "total_tokens" BIGINT NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "collection_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "collection_name_key" ON "collection"("name");

CREATE TABLE "document" (
  "id" UUID NOT NULL,
  "collection_id" UUID NOT NULL,
  "source_id" TEXT NOT NULL,
  "title" TEXT NOT NULL DEFAULT '',
  "mime_type" TEXT NOT NULL DEFAULT 'text/plain',
  "content_hash" TEXT NOT NULL,
  "metadata" JSONB NOT NULL DEFAULT '{}',
  "chunk_count" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "document_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "document_collection_id_source_id_key" ON "document"("collection_id", "source_id");

-- "embedding" has no fixed dimension: collections differ. Each collection gets its own partial HNSW
-- index over embedding::vector(dims), created with the collection (see the vector store).
CREATE TABLE "chunk" (
  "id" UUID NOT NULL,
  "collection_id" UUID NOT NULL,
  "document_id" UUID NOT NULL,
  "parent_chunk_id" UUID,
  "ordinal" INTEGER NOT NULL,
  "text" TEXT NOT NULL,
  "metadata" JSONB NOT NULL DEFAULT '{}',
  "token_count" INTEGER NOT NULL DEFAULT 0,
  "embedding" vector,
  CONSTRAINT "chunk_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "chunk_document_id_ordinal_idx" ON "chunk"("document_id", "ordinal");
CREATE INDEX "chunk_collection_id_idx" ON "chunk"("collection_id");
CREATE INDEX "chunk_metadata_idx" ON "chunk" USING GIN ("metadata" jsonb_path_ops);

CREATE TABLE "chunk_term" (
  "collection_id" UUID NOT NULL,
  "term" TEXT NOT NULL,
  "chunk_id" UUID NOT NULL,
  "tf" INTEGER NOT NULL,
  "dl" INTEGER NOT NULL,
  CONSTRAINT "chunk_term_pkey" PRIMARY KEY ("collection_id", "term", "chunk_id")
);
CREATE INDEX "chunk_term_chunk_id_idx" ON "chunk_term"("chunk_id");

CREATE TABLE "worker" (
  "id" TEXT NOT NULL,
  "devices" JSONB NOT NULL,
  "models" JSONB NOT NULL DEFAULT '[]',
  "concurrency" INTEGER NOT NULL DEFAULT 1,
  "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "worker_pkey" PRIMARY KEY ("id")
);

-- Small key/value facts about this database (e.g. that the examples were seeded once).
CREATE TABLE "app_setting" (
  "key" TEXT NOT NULL,
  "value" JSONB NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "app_setting_pkey" PRIMARY KEY ("key")
);

ALTER TABLE "graph_version" ADD CONSTRAINT "graph_version_graph_id_fkey" FOREIGN KEY ("graph_id") REFERENCES "graph"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "graph_version" ADD CONSTRAINT "graph_version_parent_version_id_fkey" FOREIGN KEY ("parent_version_id") REFERENCES "graph_version"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
ALTER TABLE "run" ADD CONSTRAINT "run_graph_id_fkey" FOREIGN KEY ("graph_id") REFERENCES "graph"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run" ADD CONSTRAINT "run_graph_version_id_fkey" FOREIGN KEY ("graph_version_id") REFERENCES "graph_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run" ADD CONSTRAINT "run_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "node_run" ADD CONSTRAINT "node_run_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run_artifact" ADD CONSTRAINT "run_artifact_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "endpoint" ADD CONSTRAINT "endpoint_graph_id_fkey" FOREIGN KEY ("graph_id") REFERENCES "graph"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "endpoint" ADD CONSTRAINT "endpoint_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "graph_version"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
ALTER TABLE "endpoint" ADD CONSTRAINT "endpoint_canary_version_id_fkey" FOREIGN KEY ("canary_version_id") REFERENCES "graph_version"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
ALTER TABLE "endpoint_revision" ADD CONSTRAINT "endpoint_revision_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "document" ADD CONSTRAINT "document_collection_id_fkey" FOREIGN KEY ("collection_id") REFERENCES "collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "chunk" ADD CONSTRAINT "chunk_collection_id_fkey" FOREIGN KEY ("collection_id") REFERENCES "collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "chunk" ADD CONSTRAINT "chunk_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "chunk" ADD CONSTRAINT "chunk_parent_chunk_id_fkey" FOREIGN KEY ("parent_chunk_id") REFERENCES "chunk"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "chunk_term" ADD CONSTRAINT "chunk_term_chunk_id_fkey" FOREIGN KEY ("chunk_id") REFERENCES "chunk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Versions are immutable: refuse any UPDATE, whoever issues it.
CREATE FUNCTION "graph_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'graph versions are immutable (version %)', OLD.id USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER "graph_version_no_update" BEFORE UPDATE ON "graph_version"
  FOR EACH ROW EXECUTE FUNCTION "graph_version_immutable"();
