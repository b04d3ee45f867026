-- Each worker lists, with its heartbeat, the runs it is orchestrating: a run whose queue job is gone
-- (Redis restarted without persistence) and that no live worker lists is queued again.
ALTER TABLE "worker" ADD COLUMN "orchestrating" JSONB NOT NULL DEFAULT '[]';
