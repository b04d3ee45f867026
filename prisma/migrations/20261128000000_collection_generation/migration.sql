-- A counter bumped by every transaction that changes a collection's chunks (ingest, replace,
-- delete). Retrievers cache each term's document frequency under it: a cached value is exact for
-- the generation it was read at, so BM25 reads a query term's postings once instead of twice.
ALTER TABLE "collection" ADD COLUMN "generation" BIGINT NOT NULL DEFAULT 0;
