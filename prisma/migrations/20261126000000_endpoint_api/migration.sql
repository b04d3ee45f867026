-- What published endpoints and API keys need beyond the initial schema.

-- Per-key rate limit (token bucket: this many calls per minute, bursts up to the same number).
ALTER TABLE "api_key" ADD COLUMN "rate_limit_per_minute" INTEGER NOT NULL DEFAULT 600;
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_rate_limit_check" CHECK ("rate_limit_per_minute" BETWEEN 1 AND 10000000);

-- Rollback walks back through the routing history: the revision it undoes is marked reverted (kept for
-- the record), and the endpoint takes the newest revision that is not reverted.
ALTER TABLE "endpoint_revision" ADD COLUMN "reverted_at" TIMESTAMPTZ(3);
ALTER TABLE "endpoint_revision" ADD COLUMN "note" TEXT NOT NULL DEFAULT '';
