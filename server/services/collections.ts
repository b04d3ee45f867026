import type { SqlClient } from '../../nodes/core/context';
import { countChange, removeDocuments } from '../../nodes/store/pgvector/write';
import { dropHnswIndex, findCollection, validateCollectionName } from '../../nodes/store/shared/collections';
import type { Db } from '../db/client';
import { isUniqueViolation, notFound, ServiceError } from './errors';

/**
 * Collections and their documents, for the CLI and the API. Reads go through Prisma; deletes go
 * through SQL in one transaction so the collection's BM25 counters (chunk_count, total_tokens) stay
 * equal to what is indexed.
 */
export interface CollectionSummary {
  id: string;
  name: string;
  description: string;
  embeddingModel: string | null;
  dims: number | null;
  documentCount: number;
  /** every stored chunk, parents included */
  chunkCount: number;
  /** chunks in the lexical index (BM25's N) */
  indexedChunkCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DocumentSummary {
  id: string;
  sourceId: string;
  title: string;
  mimeType: string;
  contentHash: string;
  chunkCount: number;
  metadata: unknown;
  createdAt: Date;
  updatedAt: Date;
}

/** What a DocumentSummary reads of a document row. */
export const DOCUMENT_FIELDS = { id: true, sourceId: true, title: true, mimeType: true, contentHash: true, chunkCount: true, metadata: true, createdAt: true, updatedAt: true } as const;

const withCounts = { _count: { select: { documents: true, chunks: true } } } as const;

type CollectionWithCounts = Awaited<ReturnType<Db['prisma']['collection']['findMany']>>[number] & { _count: { documents: number; chunks: number } };

function summarize({ _count, chunkCount, totalTokens: _tokens, ...row }: CollectionWithCounts): CollectionSummary {
  return { ...row, documentCount: _count.documents, chunkCount: _count.chunks, indexedChunkCount: chunkCount };
}

export async function listCollections(db: Db): Promise<CollectionSummary[]> {
  const rows = await db.prisma.collection.findMany({ orderBy: { name: 'asc' }, include: withCounts });
  return rows.map(summarize);
}

export async function getCollection(db: Db, name: string): Promise<CollectionSummary> {
  const row = await db.prisma.collection.findUnique({ where: { name }, include: withCounts });
  if (!row) throw notFound('collection', name);
  return summarize(row);
}

/** An empty collection; the first ingest binds it to an embedding model. */
export async function createCollection(db: Db, input: { name: string; description?: string }): Promise<CollectionSummary> {
  const name = checkedName(input.name);
  try {
    await db.prisma.collection.create({ data: { name, description: input.description ?? '' } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ServiceError('CONFLICT', `a collection named "${name}" already exists: choose another name`);
    throw error;
  }
  return getCollection(db, name);
}

export async function listDocuments(
  db: Db,
  collectionName: string,
  options: { search?: string; limit?: number; offset?: number } = {},
): Promise<{ total: number; documents: DocumentSummary[] }> {
  const collection = await getCollection(db, collectionName);
  const where = {
    collectionId: collection.id,
    ...(options.search && {
      OR: [{ sourceId: { contains: options.search, mode: 'insensitive' as const } }, { title: { contains: options.search, mode: 'insensitive' as const } }],
    }),
  };
  const [total, documents] = await Promise.all([
    db.prisma.document.count({ where }),
    db.prisma.document.findMany({
      where,
      orderBy: { sourceId: 'asc' },
      take: Math.min(Math.max(options.limit ?? 100, 1), 1000),
      skip: Math.max(options.offset ?? 0, 0),
      select: DOCUMENT_FIELDS,
    }),
  ]);
  return { total, documents };
}

/** Removes one document (its chunks and postings go by cascade) and keeps the BM25 counters right. */
export async function deleteDocument(db: Db, collectionName: string, sourceId: string): Promise<{ deletedChunks: number }> {
  const removed = await removeFromCollection(db, collectionName, [sourceId]);
  if (!removed) throw notFound('collection', collectionName);
  if (removed.documents === 0) throw notFound(`document in collection "${collectionName}"`, sourceId);
  return { deletedChunks: removed.allChunks };
}

/**
 * Removes the documents of these source ids from a collection (a web source's pages), the BM25
 * counters kept right; ids it does not hold are passed over, and so is a collection that is gone.
 */
export async function deleteDocuments(db: Db, collectionName: string, sourceIds: string[]): Promise<{ deletedDocuments: number }> {
  if (sourceIds.length === 0) return { deletedDocuments: 0 };
  return { deletedDocuments: (await removeFromCollection(db, collectionName, sourceIds))?.documents ?? 0 };
}

/** The store's removal in a transaction of its own, the collection locked; undefined when there is no such collection. */
async function removeFromCollection(db: Db, collectionName: string, sourceIds: string[]) {
  return db.sql.transaction(async (tx) => {
    const collection = await findLockedCollection(tx, collectionName);
    if (!collection) return undefined;
    const removed = await removeDocuments(tx, collection.id, sourceIds, []);
    if (removed.documents > 0) await countChange(tx, collection.id, -removed.chunks, -removed.tokens);
    return removed;
  });
}

/** Removes the collection with everything in it, including its partial HNSW index and its web sources. */
export async function deleteCollection(db: Db, collectionName: string): Promise<{ deletedDocuments: number }> {
  return db.sql.transaction(async (tx) => {
    const collection = await lockCollection(tx, collectionName);
    const [count] = await tx.query<{ n: number | string }>('SELECT count(*) AS n FROM document WHERE collection_id = $1', [collection.id]);
    await dropHnswIndex(tx, collection);
    await tx.execute('DELETE FROM collection WHERE id = $1', [collection.id]);
    await tx.execute('DELETE FROM web_source WHERE collection = $1', [collection.name]);
    return { deletedDocuments: Number(count?.n ?? 0) };
  });
}

async function lockCollection(tx: SqlClient, name: string) {
  const collection = await findLockedCollection(tx, name);
  if (!collection) throw notFound('collection', name);
  return collection;
}

async function findLockedCollection(tx: SqlClient, name: string) {
  const collection = await findCollection(tx, checkedName(name));
  if (collection) await tx.execute('SELECT 1 FROM collection WHERE id = $1 FOR UPDATE', [collection.id]);
  return collection;
}

function checkedName(name: string): string {
  try {
    return validateCollectionName(name);
  } catch (error) {
    throw new ServiceError('BAD_REQUEST', (error as Error).message);
  }
}
