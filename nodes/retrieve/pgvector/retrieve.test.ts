import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../../../server/testing/db';
import type { SqlClient } from '../../core/context';
import { isNodeError } from '../../core/errors';
import type { QueryVectorValue, RetrievedItem } from '../../core/values';
import { analyze, termCounts } from '../../search/analyzer';
import { bm25Idf, bm25TermWeight, scoreBm25 } from '../../search/bm25';
import { expandQuery } from '../../search/relevance-feedback';
import { storePgvectorConfig } from '../../store/pgvector/definition';
import { storePgvectorExecutor } from '../../store/pgvector/execute';
import { embeddedChunks, testContext, type TestDocSpec } from '../../store/shared/test-helpers';
import { weightedRrf } from '../shared/fusion';
import { retrievePgvectorConfig, type RetrievePgvectorConfig } from './definition';
import { retrievePgvectorExecutor } from './execute';
import { deleteDocument } from '../../../server/services/collections';
import { mulberry32 } from '../../testing/random';

async function ingest(sql: SqlClient, collection: string, docs: TestDocSpec[], dims = 3) {
  await storePgvectorExecutor.execute!(testContext(sql), { chunks: embeddedChunks(docs, 'test-model', dims) }, storePgvectorConfig.parse({ collection, indexTitle: false, indexThreshold: 0 }));
}

async function search(sql: SqlClient, query: Partial<QueryVectorValue> & { text: string }, config: Partial<RetrievePgvectorConfig>): Promise<RetrievedItem[]> {
  const value: QueryVectorValue = { vector: [1, 0, 0], model: 'test-model', dims: 3, ...query };
  const out = await retrievePgvectorExecutor.execute!(testContext(sql), { query: value }, retrievePgvectorConfig.parse(config));
  return (out.retrieved as { items: RetrievedItem[] }).items;
}

const TEXTS = {
  a: 'Aspirin reduces the risk of heart attack in adults.',
  b: 'Heart disease and heart failure: aspirin, statins and heart health.',
  c: 'Statins lower cholesterol levels.',
  d: 'Cholesterol, diet and exercise.',
};

describe.each(dbBackends())('retrieve.pgvector on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
    await ingest(db.sql, 'med', [
      { sourceId: 'a', chunks: [{ text: TEXTS.a, vector: [1, 0, 0] }] },
      { sourceId: 'b', chunks: [{ text: TEXTS.b, vector: [0.9, 0.1, 0] }] },
      { sourceId: 'c', chunks: [{ text: TEXTS.c, vector: [0, 1, 0] }], metadata: { topic: 'lipids' } },
      { sourceId: 'd', chunks: [{ text: TEXTS.d, vector: [0, 0.8, 0.6] }], metadata: { topic: 'lipids' } },
    ]);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('ranks by BM25 exactly as the reference implementation and the hand computation', async () => {
    const items = await search(db.sql, { text: 'heart aspirin' }, { collection: 'med', mode: 'lexical', k1: 1.2, b: 0.75 });
    const docs = Object.entries(TEXTS).map(([id, text]) => ({ id, ...termCounts(text) }));
    const expected = scoreBm25(analyze('heart aspirin'), docs, { k1: 1.2, b: 0.75 });
    expect(items.map((i) => i.sourceId)).toEqual(expected.map((e) => e.id));
    expect(items.map((i) => i.sourceId)).toEqual(['b', 'a']);
    items.forEach((item, i) => expect(item.score).toBeCloseTo(expected[i]!.score, 9));
    // By hand for "a": terms aspirin reduc risk heart attack adult (dl 6); the others have 8, 4 and 3
    // terms, so avgdl = 21/4. heart: df 2, tf 1; aspirin: df 2, tf 1 →
    // 2 · ln(1 + 2.5/2.5) · 1·2.2 / (1 + 1.2·(0.25 + 0.75·6/5.25))
    const weight = 2.2 / (1 + 1.2 * (0.25 + (0.75 * 6) / 5.25));
    expect(items[1]!.score).toBeCloseTo(2 * bm25Idf(4, 2) * weight, 9);
    expect(items[0]!.metadata).toMatchObject({ title: 'b', retrieval: { lexicalRank: 1 } });
  });

  it('keeps BM25 exact as the collection changes: replaced and deleted documents change the term statistics', async () => {
    const reference = (texts: Record<string, string>, query: string) =>
      scoreBm25(
        analyze(query),
        Object.entries(texts).map(([id, text]) => ({ id, ...termCounts(text) })),
        { k1: 1.2, b: 0.75 },
      );
    const check = async (texts: Record<string, string>) => {
      const items = await search(db.sql, { text: 'heart statins' }, { collection: 'drift', mode: 'lexical', k1: 1.2, b: 0.75 });
      const expected = reference(texts, 'heart statins');
      expect(items.map((i) => i.sourceId)).toEqual(expected.map((e) => e.id));
      items.forEach((item, i) => expect(item.score).toBeCloseTo(expected[i]!.score, 9));
    };
    const texts: Record<string, string> = { a: TEXTS.a, b: TEXTS.b, c: TEXTS.c };
    await ingest(db.sql, 'drift', Object.entries(texts).map(([sourceId, text]) => ({ sourceId, chunks: [{ text, vector: [1, 0, 0] }] })));
    await check(texts); // the document frequencies of "heart" and "statins" are now cached
    texts.a = 'Statins and heart rhythm; heart rate in athletes.';
    await ingest(db.sql, 'drift', [{ sourceId: 'a', chunks: [{ text: texts.a, vector: [1, 0, 0] }] }]);
    await check(texts);
    await deleteDocument(db, 'drift', 'b');
    delete texts.b;
    await check(texts);
  });

  it('finds nearest vectors by cosine in dense mode', async () => {
    const items = await search(db.sql, { text: 'anything', vector: [0, 1, 0.1] }, { collection: 'med', mode: 'dense', topK: 3 });
    expect(items.map((i) => i.sourceId)).toEqual(['c', 'd', 'b']);
    const norm = Math.hypot(0, 1, 0.1);
    expect(items[0]!.score).toBeCloseTo(1 / norm, 5);
    expect(items[1]!.score).toBeCloseTo((0.8 + 0.06) / norm, 5);
  });

  it('fuses the two rankings with weighted RRF', async () => {
    const config = { collection: 'med', mode: 'hybrid' as const, rrfK: 10, lexicalWeight: 1, denseWeight: 0.5, topK: 4 };
    const query = { text: 'cholesterol statins', vector: [1, 0, 0] };
    const lexical = (await search(db.sql, query, { ...config, mode: 'lexical' })).map((i) => i.chunkId);
    const dense = (await search(db.sql, query, { ...config, mode: 'dense' })).map((i) => i.chunkId);
    const expected = weightedRrf(
      [
        { name: 'lexical', weight: 1, ids: lexical },
        { name: 'dense', weight: 0.5, ids: dense },
      ],
      10,
    );
    const fused = await search(db.sql, query, config);
    expect(fused.map((i) => i.chunkId)).toEqual(expected.map((e) => e.id));
    fused.forEach((item, i) => expect(item.score).toBeCloseTo(expected[i]!.score, 12));
    // lexical ranks c (both terms), d (cholesterol), b (statins); dense ranks a, b, then c and d at
    // cosine 0. b = 1/13 + .5/12 ≈ .1186 beats a = .5/11 ≈ .0455.
    expect(fused.map((i) => i.sourceId)).toEqual(['c', 'd', 'b', 'a']);
    expect(fused[2]!.score).toBeCloseTo(1 / 13 + 0.5 / 12, 12);
    expect(fused[3]!.score).toBeCloseTo(0.5 / 11, 12);
  });

  it('applies metadata filters from the query and the config', async () => {
    const byQuery = await search(db.sql, { text: 'heart cholesterol', filters: { topic: 'lipids' } }, { collection: 'med', mode: 'hybrid' });
    expect(byQuery.map((i) => i.sourceId).sort()).toEqual(['c', 'd']);
    const byConfig = await search(db.sql, { text: 'heart cholesterol' }, { collection: 'med', mode: 'dense', filters: { topic: 'lipids' } });
    expect(byConfig.map((i) => i.sourceId).sort()).toEqual(['c', 'd']);
    const none = await search(db.sql, { text: 'heart', filters: { topic: 'nothing' } }, { collection: 'med' });
    expect(none).toEqual([]);
    // another store's operators would match nothing without a word: refused, naming the operator
    await expect(search(db.sql, { text: 'heart', filters: { topic: { $in: ['lipids'] } } }, { collection: 'med' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('filters.topic.$in: filters match metadata values exactly') as string,
    });
  });

  it('relevance feedback expands the query with its best chunks\' terms and searches again', async () => {
    const config = { collection: 'med', mode: 'lexical' as const, k1: 1.2, b: 0.75 };
    const plain = await search(db.sql, { text: 'aspirin' }, config);
    expect(plain.map((i) => i.sourceId)).toEqual(['a', 'b']);

    const ctx = testContext(db.sql);
    const value: QueryVectorValue = { text: 'aspirin', vector: [1, 0, 0], model: 'test-model', dims: 3 };
    const out = await retrievePgvectorExecutor.execute!(ctx, { query: value }, retrievePgvectorConfig.parse({ ...config, feedbackChunks: 2, feedbackTerms: 20, feedbackQueryWeight: 0.5 }));
    const items = (out.retrieved as { items: RetrievedItem[] }).items;
    // b's "statins" is in the expansion: c, which has no query word, is found; d shares no term with a or b
    expect(items.map((i) => i.sourceId).slice(0, 2).sort()).toEqual(['a', 'b']);
    expect(items.map((i) => i.sourceId).slice(2)).toEqual(['c']);
    expect(ctx.metrics.expandedWith).toEqual(expect.arrayContaining(['heart', 'statins'])); // words, not the stems searched for
    expect(ctx.metrics.expandedWith).not.toContain('aspirin');

    // the score of c by hand: the expanded weight of "statin" times its BM25 term score
    const feedback = plain.map((item) => ({ score: item.score, ...termCounts(TEXTS[item.sourceId as keyof typeof TEXTS]) }));
    const weights = expandQuery(['aspirin'], feedback, { terms: 20, queryWeight: 0.5 });
    const avgdl = 21 / 4;
    expect(items[2]!.score).toBeCloseTo(weights.get('statin')! * bm25Idf(4, 2) * bm25TermWeight(1, 4, avgdl, { k1: 1.2, b: 0.75 }), 9);
  });

  it('relevance feedback keeps to the filters in both passes', async () => {
    const config = { collection: 'med', mode: 'lexical' as const, feedbackChunks: 3, feedbackQueryWeight: 0.5 };
    // unfiltered, "statins" reaches b, whose heart terms pull in a
    const open = await search(db.sql, { text: 'statins' }, config);
    expect(open.map((i) => i.sourceId)).toEqual(expect.arrayContaining(['a', 'b', 'c']));
    // filtered, the feedback comes from c alone, whose "cholesterol" finds d
    const lipids = await search(db.sql, { text: 'statins', filters: { topic: 'lipids' } }, config);
    expect(lipids.map((i) => i.sourceId)).toEqual(['c', 'd']);
  });

  it('names the missing collection and the existing ones', async () => {
    const error = await search(db.sql, { text: 'x' }, { collection: 'nope' }).catch((e: unknown) => e);
    expect(isNodeError(error) && error.code).toBe('NOT_FOUND');
    expect((error as Error).message).toContain('"nope"');
    expect((error as Error).message).toContain('"med"');
  });

  it('refuses a query vector from another model', async () => {
    const error = await search(db.sql, { text: 'x', model: 'other', vector: [1, 0, 0, 0], dims: 4 }, { collection: 'med', mode: 'dense' }).catch((e: unknown) => e);
    expect(isNodeError(error) && error.code).toBe('DIMENSION_MISMATCH');
    expect((error as Error).message).toContain('"other"');
    // lexical mode does not need the vector
    expect(await search(db.sql, { text: 'statins', model: 'other', vector: [1, 0, 0, 0], dims: 4 }, { collection: 'med', mode: 'lexical' })).toHaveLength(2);
  });

  it('MMR trades a near-duplicate for a different passage', async () => {
    await ingest(db.sql, 'mmr', [
      { sourceId: 'x1', chunks: [{ text: 'solar panels convert sunlight', vector: [1, 0, 0] }] },
      { sourceId: 'x2', chunks: [{ text: 'solar panels convert sunlight well', vector: [0.99, 0.01, 0] }] },
      { sourceId: 'y', chunks: [{ text: 'wind turbines', vector: [0.6, 0.8, 0] }] },
    ]);
    const plain = await search(db.sql, { text: 'energy', vector: [1, 0.2, 0] }, { collection: 'mmr', mode: 'dense', topK: 2 });
    // cosines to (1, .2, 0): x2 .9825, x1 .9806, y .745
    expect(plain.map((i) => i.sourceId)).toEqual(['x2', 'x1']);
    const diverse = await search(db.sql, { text: 'energy', vector: [1, 0.2, 0] }, { collection: 'mmr', mode: 'dense', topK: 2, mmr: true, mmrLambda: 0.5 });
    expect(diverse.map((i) => i.sourceId)).toEqual(['x2', 'y']);
  });

  it('small-to-big returns parent text once per parent', async () => {
    await ingest(db.sql, 's2b', [
      {
        sourceId: 'book',
        chunks: [
          { text: 'Chapter on glaciers: glaciers carve valleys; moraines mark their edge.', isParent: true },
          { text: 'glaciers carve valleys', parent: 0, vector: [1, 0, 0] },
          { text: 'moraines mark glaciers edge', parent: 0, vector: [0.9, 0.1, 0] },
          { text: 'Chapter on deserts: dunes move with wind.', isParent: true },
          { text: 'dunes move', parent: 3, vector: [0, 1, 0] },
        ],
      },
    ]);
    const items = await search(db.sql, { text: 'glaciers dunes' }, { collection: 's2b', mode: 'lexical', smallToBig: true });
    // "dunes" is rarer than "glaciers", so the desert child ranks first; of the two glacier children
    // only the better (shorter) one stays.
    expect(items.map((i) => i.parentText)).toEqual([
      'Chapter on deserts: dunes move with wind.',
      'Chapter on glaciers: glaciers carve valleys; moraines mark their edge.',
    ]);
    expect(items[1]!.text).toBe('glaciers carve valleys');
    const without = await search(db.sql, { text: 'glaciers dunes' }, { collection: 's2b', mode: 'lexical' });
    expect(without).toHaveLength(3);
    expect(without.every((i) => i.parentText === undefined)).toBe(true);
  });

  describe('a filter with 5 % selectivity on the HNSW index', () => {
    const dims = 8;
    beforeAll(async () => {
      const random = mulberry32(42);
      const docs: TestDocSpec[] = Array.from({ length: 2000 }, (_, i) => ({
        sourceId: `v${i}`,
        chunks: [{ text: `vector ${i}`, vector: Array.from({ length: dims }, () => random() - 0.5) }],
        metadata: { group: i % 20 === 0 ? 'rare' : 'common' },
      }));
      for (let i = 0; i < docs.length; i += 500) await ingest(db.sql, 'filtered', docs.slice(i, i + 500), dims);
    });

    /** Runs the search with the planner forced onto the HNSW index, as on a large collection. */
    async function forcedIndexSearch(iterativeScan: RetrievePgvectorConfig['iterativeScan']) {
      return db.sql.transaction(async (tx) => {
        await tx.execute('SET LOCAL enable_seqscan = off');
        await tx.execute('SET LOCAL enable_bitmapscan = off');
        const vector = Array.from({ length: dims }, (_, i) => (i === 0 ? 1 : 0));
        return search(tx, { text: 'vector', vector, dims, filters: { group: 'rare' } }, {
          collection: 'filtered',
          mode: 'dense',
          topK: 10,
          candidates: 10,
          efSearch: 10,
          iterativeScan,
        });
      });
    }

    it('uses the partial HNSW index for the query', async () => {
      const plan = await db.sql.transaction(async (tx) => {
        await tx.execute('SET LOCAL enable_seqscan = off');
        const [collection] = await tx.query<{ id: string }>("SELECT id FROM collection WHERE name = 'filtered'");
        const rows = await tx.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT id FROM chunk WHERE collection_id = '${collection!.id}'::uuid ORDER BY embedding::vector(${dims}) <=> $1::vector(${dims}) LIMIT 10`,
          [`[${Array(dims).fill(0.1).join(',')}]`],
        );
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toMatch(/Index Scan using chunk_hnsw_/);
    });

    it('returns k results with iterative scan, where a plain index scan runs dry', async () => {
      const plain = await forcedIndexSearch('off');
      expect(plain.length).toBeLessThan(10);
      const iterative = await forcedIndexSearch('relaxed_order');
      expect(iterative).toHaveLength(10);
      expect(iterative.every((i) => i.metadata.group === 'rare')).toBe(true);
      // strictly ordered after the re-sort
      const scores = iterative.map((i) => i.score);
      expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    });

    it('returns the exact filtered top k when the planner chooses freely', async () => {
      const vector = Array.from({ length: dims }, (_, i) => (i === 0 ? 1 : 0));
      const items = await search(db.sql, { text: 'vector', vector, dims, filters: { group: 'rare' } }, { collection: 'filtered', mode: 'dense', topK: 10 });
      expect(items).toHaveLength(10);
      expect(items.every((i) => i.metadata.group === 'rare')).toBe(true);
    });
  });
});
