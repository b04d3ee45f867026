-- What the vector store (nodes/store/pgvector) needs beyond the initial schema.

-- A fingerprint of what was indexed for a document (content hash + chunk ids/texts + embedding model):
-- re-ingesting an unchanged document writes nothing, while a new chunker setting still re-indexes it.
ALTER TABLE "document" ADD COLUMN "fingerprint" TEXT NOT NULL DEFAULT '';

-- Parent chunks (small-to-big) keep their text for context but are neither embedded nor in the
-- lexical index; the flag keeps them out of counts and searches without guessing from NULLs.
ALTER TABLE "chunk" ADD COLUMN "is_parent" BOOLEAN NOT NULL DEFAULT false;

-- Deleting a document's chunks checks the parent_chunk_id foreign key of every other chunk: without
-- this index each deleted chunk would scan the whole table.
CREATE INDEX "chunk_parent_chunk_id_idx" ON "chunk"("parent_chunk_id");
