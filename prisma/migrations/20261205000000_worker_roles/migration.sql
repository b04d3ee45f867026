-- What a worker process does (WORKER_ROLES): orchestrate runs from the run queue, execute node tasks
-- from its devices' queues, or both (every worker before this column did both).
ALTER TABLE "worker" ADD COLUMN "roles" JSONB NOT NULL DEFAULT '["orchestrator", "executor"]';
