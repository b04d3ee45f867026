-- A run keeps the spec it ran: draft runs have no version to look it up in, and a retried or
-- resumed run must execute exactly what was started.
ALTER TABLE "run" ADD COLUMN "spec" JSONB;
