import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../../../server/testing/db';
import { isNodeError } from '../../core/errors';
import { embeddedChunks, testContext } from '../shared/test-helpers';
import { storePgvectorExecutor } from './execute';
import { storePgvectorConfig } from './definition';

const store = storePgvectorExecutor;

async function ingest(db: TestDb, collection: string, value: ReturnType<typeof embeddedChunks>) {
  const out = await store.execute!(testContext(db.sql), { chunks: value }, storePgvectorConfig.parse({ collection, indexTitle: false, indexThreshold: 0 }));
  return out.summary as { collection: string; documents: number; chunksWritten: number; skippedUnchanged: number; replaced: number };
}

async function expectNodeError(promise: Promise<unknown>, code: string): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isNodeError(error), `expected a NodeError ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  return error as Error;
}

const corpus = () =>
  embeddedChunks([
    { sourceId: 'a.txt', chunks: [{ text: 'Cats chase mice in the barn.' }, { text: 'The barn is red.' }] },
    { sourceId: 'b.txt', chunks: [{ text: 'Dogs bark at night.' }] },
  ]);

describe.each(dbBackends())('store.pgvector on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await db.sql.query<{ n: number }>(sql, params))[0]!.n);
  const stats = async (name: string) => {
    const [row] = await db.sql.query<{ id: string; chunk_count: number; total_tokens: string | number; embedding_model: string; dims: number }>(
      'SELECT id, chunk_count, total_tokens, embedding_model, dims FROM collection WHERE name = $1',
      [name],
    );
    const actual = await db.sql.query<{ n: number; tokens: string | number }>(
      'SELECT count(*)::int AS n, coalesce(sum(token_count), 0)::int AS tokens FROM chunk WHERE collection_id = $1 AND NOT is_parent',
      [row!.id],
    );
    return { ...row!, total_tokens: Number(row!.total_tokens), actualChunks: actual[0]!.n, actualTokens: Number(actual[0]!.tokens) };
  };

  it('creates the collection on first ingest, bound to the model and dims, with its HNSW index', async () => {
    const summary = await ingest(db, 'first', corpus());
    expect(summary).toEqual({ collection: 'first', documents: 2, chunksWritten: 3, skippedUnchanged: 0, replaced: 0 });
    const s = await stats('first');
    expect(s.embedding_model).toBe('test-model');
    expect(s.dims).toBe(3);
    expect(s.chunk_count).toBe(3);
    expect(s.total_tokens).toBe(s.actualTokens);
    // "cats chase mice barn" (4) + "barn red" (2) + "dogs bark night" (3)
    expect(s.total_tokens).toBe(9);
    const [index] = await db.sql.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE tablename = 'chunk' AND indexname LIKE 'chunk_hnsw_%'");
    expect(index?.indexdef).toMatch(/USING hnsw \(\(\(?embedding\)?::vector\(3\)\) vector_cosine_ops\) WHERE \(collection_id = '[0-9a-f-]+'::uuid\)/);
    expect(await count(`SELECT count(*)::int AS n FROM chunk_term WHERE collection_id = $1 AND term = 'barn'`, [s.id])).toBe(2);
    const [posting] = await db.sql.query<{ tf: number; dl: number }>(`SELECT tf, dl FROM chunk_term WHERE collection_id = $1 AND term = 'cat'`, [s.id]);
    expect(posting).toEqual({ tf: 1, dl: 4 });
  });

  it('re-ingesting unchanged documents writes nothing', async () => {
    const before = await db.sql.query<{ id: string; text: string }>('SELECT c.id, c.text FROM chunk c JOIN collection k ON k.id = c.collection_id WHERE k.name = $1 ORDER BY c.id', ['first']);
    const updatedBefore = await db.sql.query('SELECT source_id, updated_at FROM document ORDER BY source_id');
    const summary = await ingest(db, 'first', corpus());
    expect(summary).toEqual({ collection: 'first', documents: 2, chunksWritten: 0, skippedUnchanged: 2, replaced: 0 });
    const after = await db.sql.query<{ id: string; text: string }>('SELECT c.id, c.text FROM chunk c JOIN collection k ON k.id = c.collection_id WHERE k.name = $1 ORDER BY c.id', ['first']);
    expect(after).toEqual(before);
    expect(await db.sql.query('SELECT source_id, updated_at FROM document ORDER BY source_id')).toEqual(updatedBefore);
    expect((await stats('first')).chunk_count).toBe(3);
  });

  it('a changed document replaces its chunks and postings; the others stay', async () => {
    const changed = embeddedChunks([
      { sourceId: 'a.txt', chunks: [{ text: 'Owls hunt mice at dusk.' }] },
      { sourceId: 'b.txt', chunks: [{ text: 'Dogs bark at night.' }] },
    ]);
    const summary = await ingest(db, 'first', changed);
    expect(summary).toEqual({ collection: 'first', documents: 2, chunksWritten: 1, skippedUnchanged: 1, replaced: 1 });
    const texts = (await db.sql.query<{ text: string }>("SELECT c.text FROM chunk c JOIN document d ON d.id = c.document_id WHERE d.source_id = 'a.txt'")).map((r) => r.text);
    expect(texts).toEqual(['Owls hunt mice at dusk.']);
    const s = await stats('first');
    expect(await count(`SELECT count(*)::int AS n FROM chunk_term WHERE collection_id = $1 AND term = 'barn'`, [s.id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM chunk_term WHERE collection_id = $1 AND term = 'owl'`, [s.id])).toBe(1);
    expect(s.chunk_count).toBe(2);
    expect(s.actualChunks).toBe(2);
    expect(s.total_tokens).toBe(s.actualTokens);
    expect(await count("SELECT chunk_count AS n FROM document WHERE source_id = 'a.txt'")).toBe(1);
  });

  it('removes the documents named on Remove in the same write, counters kept exact; one being written stays', async () => {
    const config = storePgvectorConfig.parse({ collection: 'pruned', indexTitle: false, indexThreshold: 0 });
    const three = embeddedChunks([
      { sourceId: 'keep.txt', chunks: [{ text: 'Herons wade in shallow water.' }] },
      { sourceId: 'drop.txt', chunks: [{ text: 'Kestrels hover over fields.' }, { text: 'Kestrels eat voles.' }] },
      { sourceId: 'rewrite.txt', chunks: [{ text: 'Swifts sleep on the wing.' }] },
    ]);
    await store.execute!(testContext(db.sql), { chunks: three }, config);
    const rewritten = embeddedChunks([{ sourceId: 'rewrite.txt', chunks: [{ text: 'Swifts rarely land.' }] }]);
    const ctx = testContext(db.sql);
    const out = await store.execute!(ctx, { chunks: rewritten, remove: ['drop.txt', 'rewrite.txt', 'never-stored.txt'] }, config);
    expect(out.summary).toEqual({ collection: 'pruned', documents: 1, chunksWritten: 1, skippedUnchanged: 0, replaced: 1, removed: 1 });
    expect(ctx.metrics.removed).toBe(1);
    const s = await stats('pruned');
    expect((await db.sql.query<{ source_id: string }>('SELECT source_id FROM document WHERE collection_id = $1 ORDER BY source_id', [s.id])).map((r) => r.source_id)).toEqual(['keep.txt', 'rewrite.txt']);
    expect(await count(`SELECT count(*)::int AS n FROM chunk_term WHERE collection_id = $1 AND term = 'kestrel'`, [s.id])).toBe(0);
    expect(s.chunk_count).toBe(2);
    expect(s.actualChunks).toBe(2);
    expect(s.total_tokens).toBe(s.actualTokens);
    // with nothing to write (every document unchanged), the removal still happens and counts
    const again = await store.execute!(testContext(db.sql), { chunks: rewritten, remove: ['keep.txt'] }, config);
    expect(again.summary).toMatchObject({ skippedUnchanged: 1, removed: 1 });
    const after = await stats('pruned');
    expect([after.chunk_count, after.total_tokens]).toEqual([after.actualChunks, after.actualTokens]);
    expect(after.chunk_count).toBe(1);
  });

  it('refuses a Remove input that is not a list of source ids', async () => {
    const error = await expectNodeError(store.execute!(testContext(db.sql), { chunks: corpus(), remove: { gone: ['a.txt'] } }, storePgvectorConfig.parse({ collection: 'first' })), 'INVALID_INPUT');
    expect(error.message).toContain('"remove" input takes a list of source ids');
    expect(await count("SELECT count(*)::int AS n FROM document WHERE source_id = 'a.txt'")).toBe(1);
  });

  it('refuses vectors of another model or dimension, naming both', async () => {
    const other = embeddedChunks([{ sourceId: 'c.txt', chunks: [{ text: 'x', vector: [1, 0, 0, 0] }] }], 'test-model', 4);
    const error = await expectNodeError(ingest(db, 'first', other), 'DIMENSION_MISMATCH');
    expect(error.message).toContain('3-d vectors from "test-model"');
    expect(error.message).toContain('(4-d)');
    const renamed = embeddedChunks([{ sourceId: 'c.txt', chunks: [{ text: 'x' }] }], 'other-model', 3);
    const error2 = await expectNodeError(ingest(db, 'first', renamed), 'DIMENSION_MISMATCH');
    expect(error2.message).toContain('"other-model"');
    expect(await count("SELECT count(*)::int AS n FROM document WHERE source_id = 'c.txt'")).toBe(0);
  });

  it('refuses malformed embedded chunks with INVALID_INPUT / DIMENSION_MISMATCH', async () => {
    const value = corpus();
    await expectNodeError(ingest(db, 'bad', { ...value, embeddings: value.embeddings.slice(1) }), 'INVALID_INPUT');
    const wrongVector = { ...value, embeddings: value.embeddings.map((e, i) => (i === 1 ? [1, 2] : e)) };
    await expectNodeError(ingest(db, 'bad', wrongVector), 'DIMENSION_MISMATCH');
    const orphan = { ...value, chunks: value.chunks.map((c, i) => (i === 0 ? { ...c, documentId: 'nope' } : c)) };
    await expectNodeError(ingest(db, 'bad', orphan), 'INVALID_INPUT');
    // the runner validates config against the schema; the executor still refuses a bad name on its own
    await expectNodeError(store.execute!(testContext(db.sql), { chunks: value }, { collection: 'bad name!' }), 'INVALID_CONFIG');
    // nothing was left behind by the failed transactions
    expect(await count("SELECT count(*)::int AS n FROM collection WHERE name = 'bad'")).toBe(0);
  });

  it('stores parent chunks as text only and links their children', async () => {
    const value = embeddedChunks([
      {
        sourceId: 'p.txt',
        chunks: [
          { text: 'Whole section about volcanoes and lava.', isParent: true },
          { text: 'Volcanoes erupt.', parent: 0 },
          { text: 'Lava flows.', parent: 0 },
        ],
      },
    ]);
    const summary = await ingest(db, 'parents', value);
    expect(summary.chunksWritten).toBe(3);
    const rows = await db.sql.query<{ text: string; is_parent: boolean; has_vec: boolean; parent_text: string | null; postings: number }>(
      `SELECT c.text, c.is_parent, c.embedding IS NOT NULL AS has_vec, p.text AS parent_text,
              (SELECT count(*)::int FROM chunk_term t WHERE t.chunk_id = c.id) AS postings
       FROM chunk c LEFT JOIN chunk p ON p.id = c.parent_chunk_id JOIN collection k ON k.id = c.collection_id
       WHERE k.name = 'parents' ORDER BY c.ordinal`,
    );
    expect(rows).toEqual([
      { text: 'Whole section about volcanoes and lava.', is_parent: true, has_vec: false, parent_text: null, postings: 0 },
      { text: 'Volcanoes erupt.', is_parent: false, has_vec: true, parent_text: 'Whole section about volcanoes and lava.', postings: 2 },
      { text: 'Lava flows.', is_parent: false, has_vec: true, parent_text: 'Whole section about volcanoes and lava.', postings: 2 },
    ]);
    expect((await stats('parents')).chunk_count).toBe(2);
    // re-chunking the same content differently (no parents now) re-indexes it
    const flat = embeddedChunks([{ sourceId: 'p.txt', chunks: [{ text: 'Volcanoes erupt.' }, { text: 'Lava flows.' }] }]);
    flat.documents[0]!.metadata.contentHash = value.documents[0]!.metadata.contentHash;
    expect((await ingest(db, 'parents', flat)).replaced).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM chunk c JOIN collection k ON k.id = c.collection_id WHERE k.name = 'parents' AND c.is_parent")).toBe(0);
  });

  it('keeps the same documents in two collections apart', async () => {
    await ingest(db, 'copy-1', corpus());
    await ingest(db, 'copy-2', corpus());
    const [one, two] = [await stats('copy-1'), await stats('copy-2')];
    expect(one.chunk_count).toBe(3);
    expect(two.chunk_count).toBe(3);
    expect(one.id).not.toBe(two.id);
  });

  it('indexes the document title with every chunk that does not start with it', async () => {
    const value = embeddedChunks([
      {
        sourceId: 'paper',
        title: 'Glacier retreat',
        chunks: [{ text: 'Glacier retreat\n\nIce melts.' }, { text: 'Sea levels rise.' }],
      },
    ]);
    await store.execute!(testContext(db.sql), { chunks: value }, storePgvectorConfig.parse({ collection: 'titled' }));
    const rows = await db.sql.query<{ ordinal: number; token_count: number; terms: string[] }>(
      `SELECT c.ordinal, c.token_count, array_agg(t.term ORDER BY t.term) AS terms FROM chunk c JOIN chunk_term t ON t.chunk_id = c.id
       JOIN collection k ON k.id = c.collection_id WHERE k.name = 'titled' GROUP BY c.ordinal, c.token_count ORDER BY c.ordinal`,
    );
    expect(rows).toEqual([
      { ordinal: 0, token_count: 4, terms: ['glacier', 'ice', 'melt', 'retreat'] },
      { ordinal: 1, token_count: 5, terms: ['glacier', 'level', 'retreat', 'rise', 'sea'] },
    ]);
    // the stored text stays the chunk's own
    const texts = await db.sql.query<{ text: string }>("SELECT c.text FROM chunk c JOIN collection k ON k.id = c.collection_id WHERE k.name = 'titled' ORDER BY c.ordinal");
    expect(texts.map((t) => t.text)).toEqual(['Glacier retreat\n\nIce melts.', 'Sea levels rise.']);
  });

  it('defers the HNSW index until the collection reaches the threshold', async () => {
    const hasIndex = async () => {
      const [row] = await db.sql.query<{ id: string }>("SELECT id FROM collection WHERE name = 'deferred'");
      const rows = await db.sql.query('SELECT 1 FROM pg_indexes WHERE indexname = $1', [`chunk_hnsw_${row!.id.replaceAll('-', '')}`]);
      return rows.length === 1;
    };
    const config = storePgvectorConfig.parse({ collection: 'deferred', indexThreshold: 4 });
    const batch = (from: number) => embeddedChunks([{ sourceId: `d${from}`, chunks: [{ text: 'one' }, { text: 'two' }] }]);
    await store.execute!(testContext(db.sql), { chunks: batch(1) }, config);
    expect(await hasIndex()).toBe(false);
    await store.execute!(testContext(db.sql), { chunks: batch(2) }, config);
    expect(await hasIndex()).toBe(true);
  });

  it('keeps counters exact when ingests into a new collection run concurrently', async () => {
    const batch = (n: number) =>
      embeddedChunks(Array.from({ length: 5 }, (_, d) => ({ sourceId: `c${n}-${d}`, chunks: [{ text: `batch ${n} doc ${d} words here` }] })));
    const summaries = await Promise.all([1, 2, 3, 4].map((n) => ingest(db, 'concurrent', batch(n))));
    expect(summaries.map((s) => s.chunksWritten)).toEqual([5, 5, 5, 5]);
    const s = await stats('concurrent');
    expect(s.chunk_count).toBe(20);
    expect(s.actualChunks).toBe(20);
    expect(s.total_tokens).toBe(s.actualTokens);
  });

  it('writes a large batch in several statements', async () => {
    const docs = Array.from({ length: 120 }, (_, d) => ({
      sourceId: `bulk-${d}`,
      chunks: Array.from({ length: 6 }, (_, c) => ({ text: `document ${d} part ${c} mentions term${d % 7} and term${c}` })),
    }));
    const summary = await ingest(db, 'bulk', embeddedChunks(docs));
    expect(summary.chunksWritten).toBe(720);
    const s = await stats('bulk');
    expect(s.chunk_count).toBe(720);
    expect(s.total_tokens).toBe(s.actualTokens);
  });
});
