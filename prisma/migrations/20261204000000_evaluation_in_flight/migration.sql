-- The runs a running evaluation is waiting for, by query: {"q12": "<run id>", ...}. Written with its
-- progress, so an evaluation resumed after its process stopped waits for (or reads) those runs
-- instead of starting its queries in flight a second time, which left extra runs in the history.
ALTER TABLE "evaluation" ADD COLUMN "in_flight" JSONB NOT NULL DEFAULT '{}';
