import type { Db } from '../db/client';
import { DOCUMENT_FIELDS, getCollection, type DocumentSummary } from './collections';
import { notFound } from './errors';

/**
 * A stored document's chunks as the retriever sees them: what the chunker cut, in order, with what
 * was indexed for each. The editor's collection page shows them so a user can judge a chunker's
 * settings on real documents (as a knowledge base's segment view does) without running a query.
 */
export interface ChunkSummary {
  id: string;
  ordinal: number;
  text: string;
  /** what the chunker recorded (offsets, page, heading…) */
  metadata: Record<string, unknown>;
  /** BM25's length of the chunk: analysed terms; 0 for a parent, which is not indexed */
  tokenCount: number;
  /** a small-to-big parent: returned in place of its children, neither embedded nor indexed */
  isParent: boolean;
  parentChunkId: string | null;
  /** whether the chunk has a vector (dense search finds it) */
  embedded: boolean;
}

export interface DocumentChunks {
  document: DocumentSummary;
  /** every chunk of the document, parents included */
  total: number;
  chunks: ChunkSummary[];
}

interface ChunkRow {
  id: string;
  ordinal: number;
  text: string;
  metadata: Record<string, unknown> | string | null;
  token_count: number;
  is_parent: boolean;
  parent_chunk_id: string | null;
  embedded: boolean;
}

/**
 * One page of a document's chunks in reading order: by where each starts in the document (the store
 * keeps the offsets in metadata), a parent before the children inside it. Not by ordinal: parents and
 * chunks are numbered separately (nodes/chunk/shared/chunk-documents.ts).
 */
export async function listDocumentChunks(
  db: Db,
  collectionName: string,
  sourceId: string,
  options: { limit?: number; offset?: number } = {},
): Promise<DocumentChunks> {
  // one query for the document; the collection is looked up (with its counts) only to say which is missing
  const document = await db.prisma.document.findFirst({ where: { sourceId, collection: { name: collectionName } }, select: DOCUMENT_FIELDS });
  if (!document) {
    await getCollection(db, collectionName);
    throw notFound(`document in collection "${collectionName}"`, sourceId);
  }
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const offset = Math.max(options.offset ?? 0, 0);
  // raw SQL: the embedding column is pgvector's, which Prisma cannot select (only whether it is set is read)
  const [rows, [count]] = await Promise.all([
    db.sql.query<ChunkRow>(
      `SELECT id, ordinal, text, metadata, token_count, is_parent, parent_chunk_id, embedding IS NOT NULL AS embedded
       FROM chunk WHERE document_id = $1
       ORDER BY CASE WHEN jsonb_typeof(metadata->'start') = 'number' THEN (metadata->>'start')::numeric END NULLS LAST, is_parent DESC, ordinal, id
       LIMIT $2 OFFSET $3`,
      [document.id, limit, offset],
    ),
    db.sql.query<{ n: number | string }>('SELECT count(*) AS n FROM chunk WHERE document_id = $1', [document.id]),
  ]);
  return { document, total: Number(count?.n ?? 0), chunks: rows.map(toSummary) };
}

function toSummary(row: ChunkRow): ChunkSummary {
  const metadata = typeof row.metadata === 'string' ? (JSON.parse(row.metadata) as Record<string, unknown>) : (row.metadata ?? {});
  return {
    id: row.id,
    ordinal: row.ordinal,
    text: row.text,
    metadata,
    tokenCount: row.token_count,
    isParent: row.is_parent,
    parentChunkId: row.parent_chunk_id,
    embedded: row.embedded,
  };
}
