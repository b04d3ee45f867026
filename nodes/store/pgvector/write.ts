import type { SqlClient } from '../../core/context';
import { termCounts, type TermCounts } from '../../search/analyzer';
import { ensureCollection, ensureHnswIndex, type HnswOptions } from '../shared/collections';
import { toVectorLiteral } from '../shared/vector-literal';
import type { StoreSummary } from './definition';
import type { PlannedDocument } from './plan';

/**
 * Writes planned documents in ONE transaction: skip unchanged, delete-and-reinsert changed, insert new;
 * chunks and postings go in as multi-row statements (jsonb_to_recordset / unnest), then the
 * collection's BM25 counters and HNSW index are brought up to date.
 */
const CHUNK_ROWS_PER_STATEMENT = 500;
const POSTINGS_PER_STATEMENT = 20_000;
const NO_TERMS: TermCounts = { counts: new Map(), length: 0 };

export interface WriteOptions extends HnswOptions {
  collection: string;
  /** build the HNSW index once this many embedded chunks are stored (default 0: at once) */
  indexThreshold?: number;
  model: string;
  dims: number;
  /** source ids of documents to delete in the same transaction (one this write stores is kept) */
  remove?: string[];
}

const stripNul = (_key: string, value: unknown) => (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value);

/** Chunk count of each collection when this process last refreshed its statistics. */
const maintainedAt = new Map<string, number>();

/**
 * Writes the documents (one transaction), then refreshes planner statistics and the postings'
 * visibility map once the collection has grown by 10 % since the last refresh, as autovacuum's
 * analyze threshold would (PGlite has no autovacuum): stale counts make Postgres skip the HNSW index
 * or pick bad join orders for BM25, and postings pages not yet marked all-visible turn BM25's
 * index-only scans into heap reads. Growth is counted across writes, so many small uploads trigger
 * it too (about 35 % more query throughput on SciFact uploaded 100 documents at a time, for about
 * 20 % slower ingestion).
 */
export async function storeDocuments(sql: SqlClient, options: WriteOptions, plan: (collectionId: string) => PlannedDocument[]): Promise<StoreSummary> {
  const { summary, collectionId, chunksBefore, chunksAfter } = await sql.transaction((tx) => writeDocuments(tx, options, plan));
  const baseline = maintainedAt.get(collectionId) ?? chunksBefore;
  if (chunksAfter > baseline && chunksAfter - baseline >= 0.1 * chunksAfter) {
    await sql.execute('ANALYZE chunk, document');
    await sql.execute('VACUUM (ANALYZE) chunk_term'); // outside the transaction: VACUUM cannot run in one
    maintainedAt.set(collectionId, chunksAfter);
  }
  return summary;
}

interface WriteResult {
  summary: StoreSummary;
  collectionId: string;
  chunksBefore: number;
  chunksAfter: number;
}

async function writeDocuments(
  tx: SqlClient,
  options: WriteOptions,
  plan: (collectionId: string) => PlannedDocument[],
): Promise<WriteResult> {
  const collection = await ensureCollection(tx, options.collection, options.model, options.dims);
  const documents = plan(collection.id);
  const summary: StoreSummary = { collection: collection.name, documents: documents.length, chunksWritten: 0, skippedUnchanged: 0, replaced: 0 };
  let chunkDelta = 0;
  let tokenDelta = 0;
  if (options.remove) {
    const removed = await removeDocuments(tx, collection.id, options.remove, documents.map((d) => d.sourceId));
    summary.removed = removed.documents;
    chunkDelta -= removed.chunks;
    tokenDelta -= removed.tokens;
  }
  const done = () => ({ summary, collectionId: collection.id, chunksBefore: collection.chunkCount, chunksAfter: collection.chunkCount + chunkDelta });

  const existing = await tx.query<{ id: string; source_id: string; fingerprint: string }>(
    'SELECT id, source_id, fingerprint FROM document WHERE collection_id = $1 AND source_id = ANY($2::text[])',
    [collection.id, documents.map((d) => d.sourceId)],
  );
  const existingBySource = new Map(existing.map((row) => [row.source_id, row]));
  const toWrite: PlannedDocument[] = [];
  const toClear: string[] = [];
  for (const doc of documents) {
    const before = existingBySource.get(doc.sourceId);
    if (before && before.fingerprint === doc.fingerprint) {
      summary.skippedUnchanged++;
      continue;
    }
    if (before) {
      summary.replaced++;
      toClear.push(before.id);
    }
    toWrite.push(doc);
  }
  if (toWrite.length === 0) {
    if (summary.removed) await countChange(tx, collection.id, chunkDelta, tokenDelta);
    return done();
  }

  if (toClear.length > 0) {
    // postings go by cascade; the counts of what left keep avgdl right.
    const [removed] = await tx.query<{ n: number | string; tokens: number | string }>(
      `WITH gone AS (DELETE FROM chunk WHERE document_id = ANY($1::uuid[]) RETURNING is_parent, token_count)
       SELECT count(*) FILTER (WHERE NOT is_parent) AS n, coalesce(sum(token_count) FILTER (WHERE NOT is_parent), 0) AS tokens FROM gone`,
      [toClear],
    );
    chunkDelta -= Number(removed?.n ?? 0);
    tokenDelta -= Number(removed?.tokens ?? 0);
  }

  const docRows = await tx.query<{ id: string; source_id: string }>(
    `INSERT INTO document (id, collection_id, source_id, title, mime_type, content_hash, fingerprint, metadata, chunk_count, updated_at)
     SELECT gen_random_uuid(), $1, d.source_id, d.title, d.mime_type, d.content_hash, d.fingerprint, d.metadata, d.chunk_count, now()
     FROM jsonb_to_recordset($2::jsonb) AS d(source_id text, title text, mime_type text, content_hash text, fingerprint text, metadata jsonb, chunk_count int)
     ON CONFLICT (collection_id, source_id) DO UPDATE SET title = excluded.title, mime_type = excluded.mime_type,
       content_hash = excluded.content_hash, fingerprint = excluded.fingerprint, metadata = excluded.metadata,
       chunk_count = excluded.chunk_count, updated_at = now()
     RETURNING id, source_id`,
    [
      collection.id,
      JSON.stringify(
        toWrite.map((d) => ({
          source_id: d.sourceId,
          title: d.title,
          mime_type: d.mimeType,
          content_hash: d.contentHash,
          fingerprint: d.fingerprint,
          metadata: d.metadata,
          chunk_count: d.chunks.filter((c) => !c.isParent).length,
        })),
        stripNul,
      ),
    ],
  );
  const docIdBySource = new Map(docRows.map((r) => [r.source_id, r.id]));

  const postings = new PostingBuffer(tx, collection.id);
  // Parents before children across the whole batch: a child's parent row must exist when it lands.
  const rows = toWrite.flatMap((doc) => doc.chunks.map((chunk) => ({ doc, chunk })));
  rows.sort((a, b) => Number(b.chunk.isParent) - Number(a.chunk.isParent));
  for (let start = 0; start < rows.length; start += CHUNK_ROWS_PER_STATEMENT) {
    const slice = rows.slice(start, start + CHUNK_ROWS_PER_STATEMENT);
    // Terms are counted a statement's rows at a time, between awaits: counted for a whole upload up
    // front, 100,000 chunks held all their term maps at once and blocked the event loop for seconds
    // (long enough for the process's database connections to time out).
    const terms = slice.map(({ chunk }) => (chunk.lexicalText === null ? NO_TERMS : termCounts(chunk.lexicalText)));
    const payload = slice.map(({ doc, chunk }, i) => ({
      id: chunk.id,
      document_id: docIdBySource.get(doc.sourceId)!,
      parent_chunk_id: chunk.parentId,
      ordinal: chunk.ordinal,
      text: chunk.text,
      metadata: chunk.metadata,
      token_count: terms[i]!.length,
      is_parent: chunk.isParent,
      embedding: chunk.embedding ? toVectorLiteral(chunk.embedding) : null,
    }));
    await tx.execute(
      `INSERT INTO chunk (id, collection_id, document_id, parent_chunk_id, ordinal, text, metadata, token_count, is_parent, embedding)
       SELECT r.id, $1, r.document_id, r.parent_chunk_id, r.ordinal, r.text, r.metadata, r.token_count, r.is_parent, r.embedding::vector
       FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, document_id uuid, parent_chunk_id uuid, ordinal int, text text, metadata jsonb, token_count int, is_parent boolean, embedding text)`,
      [collection.id, JSON.stringify(payload, stripNul)],
    );
    summary.chunksWritten += slice.length;
    for (const [i, { chunk }] of slice.entries()) {
      if (chunk.isParent) continue;
      chunkDelta++;
      tokenDelta += terms[i]!.length;
      await postings.add(chunk.id, terms[i]!);
    }
  }
  await postings.flush();

  await countChange(tx, collection.id, chunkDelta, tokenDelta);
  if (collection.chunkCount + chunkDelta >= (options.indexThreshold ?? 0)) await ensureHnswIndex(tx, collection, options);
  return done();
}

/** The collection's BM25 counters moved by what was written and removed; its generation tells caches the content changed. */
export async function countChange(tx: SqlClient, collectionId: string, chunkDelta: number, tokenDelta: number): Promise<void> {
  await tx.execute('UPDATE collection SET chunk_count = chunk_count + $2, total_tokens = total_tokens + $3, generation = generation + 1, updated_at = now() WHERE id = $1', [
    collectionId,
    chunkDelta,
    tokenDelta,
  ]);
}

/**
 * Deletes the named documents but those being written (chunks and postings go by cascade); returns
 * what left: the documents, the indexed chunks and their tokens (for the counters), and all chunks.
 */
export async function removeDocuments(tx: SqlClient, collectionId: string, sourceIds: string[], writing: string[]) {
  if (sourceIds.length === 0) return { documents: 0, chunks: 0, tokens: 0, allChunks: 0 };
  const [removed] = await tx.query<{ documents: number | string; chunks: number | string; tokens: number | string; all_chunks: number | string }>(
    `WITH doomed AS (
       SELECT id FROM document WHERE collection_id = $1 AND source_id = ANY($2::text[]) AND NOT (source_id = ANY($3::text[]))
     ), counted AS (
       SELECT count(*) FILTER (WHERE NOT is_parent) AS chunks, coalesce(sum(token_count) FILTER (WHERE NOT is_parent), 0) AS tokens, count(*) AS all_chunks
       FROM chunk WHERE document_id IN (SELECT id FROM doomed)
     ), deleted AS (
       DELETE FROM document WHERE id IN (SELECT id FROM doomed) RETURNING 1
     )
     SELECT (SELECT count(*) FROM deleted) AS documents, counted.chunks, counted.tokens, counted.all_chunks FROM counted`,
    [collectionId, sourceIds, writing],
  );
  return { documents: Number(removed?.documents ?? 0), chunks: Number(removed?.chunks ?? 0), tokens: Number(removed?.tokens ?? 0), allChunks: Number(removed?.all_chunks ?? 0) };
}

/** A chunk's postings (term, tf, its length) gathered into multi-row inserts of POSTINGS_PER_STATEMENT. */
class PostingBuffer {
  private terms: string[] = [];
  private chunkIds: string[] = [];
  private tfs: number[] = [];
  private dls: number[] = [];

  constructor(
    private readonly tx: SqlClient,
    private readonly collectionId: string,
  ) {}

  async add(chunkId: string, counted: TermCounts): Promise<void> {
    for (const [term, tf] of counted.counts) {
      this.terms.push(term);
      this.chunkIds.push(chunkId);
      this.tfs.push(tf);
      this.dls.push(counted.length);
    }
    if (this.terms.length >= POSTINGS_PER_STATEMENT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.terms.length === 0) return;
    const params = [this.collectionId, this.terms, this.chunkIds, this.tfs, this.dls];
    this.terms = [];
    this.chunkIds = [];
    this.tfs = [];
    this.dls = [];
    await this.tx.execute(
      `INSERT INTO chunk_term (collection_id, term, chunk_id, tf, dl)
       SELECT $1, t.term, t.chunk_id, t.tf, t.dl FROM unnest($2::text[], $3::uuid[], $4::int[], $5::int[]) AS t(term, chunk_id, tf, dl)`,
      params,
    );
  }
}
