-- Retention deletes stored node outputs by age: an index on their own timestamp lets each hourly
-- pass read only the outputs it deletes, instead of every old run's.
CREATE INDEX "run_artifact_created_at_idx" ON "run_artifact"("created_at");
