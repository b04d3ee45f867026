-- One running evaluation per (version, dataset): a second click on Evaluate, a second tab or a
-- second server would otherwise score the same version on the same queries twice at once, doubling
-- the runs and leaving two rows that say the same thing. The index holds the rule where two
-- processes race; the service turns its violation into a 409 that names the running evaluation.
CREATE UNIQUE INDEX "evaluation_one_running_idx" ON "evaluation"("graph_version_id", "dataset_id") WHERE "status" = 'running' AND "dataset_id" IS NOT NULL;
