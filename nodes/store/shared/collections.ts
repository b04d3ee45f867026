import type { SqlClient } from '../../core/context';
import { NodeError } from '../../core/errors';
import { isUuid } from './ids';

/**
 * Collections as the vector store and retrievers see them (raw SQL over the `collection` table). A
 * collection is bound to one embedding model and dimension on its first embedded ingest; each gets a
 * partial HNSW index over `embedding::vector(dims)` restricted to its rows, and queries must use the
 * same expression and predicate (see vectorExpression / collectionPredicate) for the planner to use it.
 */
export interface CollectionRow {
  id: string;
  name: string;
  embeddingModel: string | null;
  dims: number | null;
  /** lexically indexed chunks (BM25's N) */
  chunkCount: number;
  /** sum of their analysed lengths (BM25's avgdl = totalTokens / chunkCount) */
  totalTokens: number;
  /** bumped by every transaction that changes the collection's chunks (keys cached term statistics) */
  generation: number;
}

interface RawCollection {
  id: string;
  name: string;
  embedding_model: string | null;
  dims: number | null;
  chunk_count: number;
  total_tokens: string | number;
  generation: string | number;
}

const COLUMNS = 'id, name, embedding_model, dims, chunk_count, total_tokens, generation';

function fromRaw(row: RawCollection): CollectionRow {
  return {
    id: row.id,
    name: row.name,
    embeddingModel: row.embedding_model,
    dims: row.dims,
    chunkCount: row.chunk_count,
    totalTokens: Number(row.total_tokens),
    generation: Number(row.generation),
  };
}

export function validateCollectionName(name: string): string {
  const trimmed = name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(trimmed)) {
    throw new NodeError(
      'INVALID_CONFIG',
      `collection name "${name}" is not valid: use 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  }
  return trimmed;
}

export async function findCollection(sql: SqlClient, name: string): Promise<CollectionRow | undefined> {
  const [row] = await sql.query<RawCollection>(`SELECT ${COLUMNS} FROM collection WHERE name = $1`, [name]);
  return row && fromRaw(row);
}

/** The collection, or NOT_FOUND naming it and the ones that exist. */
export async function requireCollection(sql: SqlClient, name: string): Promise<CollectionRow> {
  const found = await findCollection(sql, name);
  if (found) return found;
  const names = (await sql.query<{ name: string }>('SELECT name FROM collection ORDER BY name LIMIT 50')).map((r) => r.name);
  throw new NodeError(
    'NOT_FOUND',
    `collection "${name}" does not exist; ${names.length ? `existing collections: ${names.map((n) => `"${n}"`).join(', ')}` : 'there are no collections yet: ingest documents into one first'}`,
    { details: { collection: name, existing: names } },
  );
}

/**
 * Gets or creates the collection and binds it to the embedding model and dims (first ingest). Locks
 * the row for the rest of the transaction so concurrent ingests into one collection serialise their
 * count updates and index creation. A different model or dims → DIMENSION_MISMATCH naming both.
 */
export async function ensureCollection(tx: SqlClient, name: string, model: string, dims: number): Promise<CollectionRow> {
  await tx.execute(
    `INSERT INTO collection (id, name, embedding_model, dims, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, now())
     ON CONFLICT (name) DO NOTHING`,
    [name, model, dims],
  );
  const [raw] = await tx.query<RawCollection>(`SELECT ${COLUMNS} FROM collection WHERE name = $1 FOR UPDATE`, [name]);
  if (!raw) throw new NodeError('INTERNAL', `collection "${name}" vanished while ingesting`);
  const row = fromRaw(raw);
  if (row.embeddingModel === null || row.dims === null) {
    // created without a model (e.g. from the API before any ingest): bind it now.
    await tx.execute('UPDATE collection SET embedding_model = $2, dims = $3, updated_at = now() WHERE id = $1', [row.id, model, dims]);
    return { ...row, embeddingModel: model, dims };
  }
  assertSameEmbedding(row, model, dims, 'the chunks');
  return row;
}

export function assertSameEmbedding(row: CollectionRow, model: string, dims: number, what: string): void {
  if (row.embeddingModel !== model || row.dims !== dims) {
    throw new NodeError(
      'DIMENSION_MISMATCH',
      `collection "${row.name}" holds ${row.dims}-d vectors from "${row.embeddingModel}", but ${what} come from "${model}" (${dims}-d): use the same embedding model, or another collection`,
      { details: { collection: row.name, collectionModel: row.embeddingModel, collectionDims: row.dims, model, dims } },
    );
  }
}

/** Identifiers and literals below are built from a validated uuid and integer only. */
function checkedId(row: CollectionRow): string {
  if (!isUuid(row.id)) throw new NodeError('INTERNAL', `collection id ${row.id} is not a uuid`);
  return row.id;
}

function checkedDims(dims: number): number {
  if (!Number.isInteger(dims) || dims < 1 || dims > 16_000) throw new NodeError('INVALID_INPUT', `embedding dims ${dims} out of range 1..16000`);
  return dims;
}

export function hnswIndexName(row: CollectionRow): string {
  return `chunk_hnsw_${checkedId(row).replaceAll('-', '')}`;
}

/** The indexed expression: queries must order by exactly this for the partial index to apply. */
export function vectorExpression(dims: number, column = 'embedding'): string {
  return `${column}::vector(${checkedDims(dims)})`;
}

/** The partial index predicate, inlined as a literal (a bind parameter would not prove it). */
export function collectionPredicate(row: CollectionRow, column = 'collection_id'): string {
  return `${column} = '${checkedId(row)}'::uuid`;
}

export interface HnswOptions {
  m?: number;
  efConstruction?: number;
}

/** HNSW index for the collection (cosine), built once; later inserts maintain it. */
export async function ensureHnswIndex(tx: SqlClient, row: CollectionRow, options: HnswOptions = {}): Promise<void> {
  if (row.dims === null) return;
  const withs: string[] = [];
  if (options.m !== undefined) withs.push(`m = ${Math.trunc(options.m)}`);
  if (options.efConstruction !== undefined) withs.push(`ef_construction = ${Math.trunc(options.efConstruction)}`);
  await tx.execute(
    `CREATE INDEX IF NOT EXISTS "${hnswIndexName(row)}" ON chunk USING hnsw ((${vectorExpression(row.dims)}) vector_cosine_ops)` +
      `${withs.length ? ` WITH (${withs.join(', ')})` : ''} WHERE ${collectionPredicate(row)}`,
  );
}

/** Dropping a collection drops its rows by cascade; its partial index must go by name. */
export async function dropHnswIndex(sql: SqlClient, row: CollectionRow): Promise<void> {
  await sql.execute(`DROP INDEX IF EXISTS "${hnswIndexName(row)}"`);
}
