-- Stored sets of judged queries (BEIR queries + relevance judgements), so versions are evaluated on
-- the same named set again and again instead of uploading files each time, and a dataset shows every
-- version scored on it. A dataset never changes once stored: scores on it stay comparable. Deleting
-- one keeps the evaluations made on it (their name stays; the link goes).
CREATE TABLE "dataset" (
  "id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT NOT NULL DEFAULT '',
  "query_count" INTEGER NOT NULL,
  "judgement_count" INTEGER NOT NULL,
  "queries" JSONB NOT NULL,
  "qrels" JSONB NOT NULL,
  "skipped" JSONB NOT NULL DEFAULT '{}',
  "created_by" TEXT NOT NULL DEFAULT 'local',
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "dataset_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "dataset_name_key" ON "dataset"("name");

ALTER TABLE "evaluation" ADD COLUMN "dataset_id" UUID;
CREATE INDEX "evaluation_dataset_id_idx" ON "evaluation"("dataset_id");
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE SET NULL ON UPDATE CASCADE;
