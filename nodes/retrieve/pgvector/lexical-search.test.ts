import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../../../server/testing/db';
import { analyze } from '../../search/analyzer';
import { storePgvectorConfig } from '../../store/pgvector/definition';
import { storePgvectorExecutor } from '../../store/pgvector/execute';
import { requireCollection } from '../../store/shared/collections';
import { embeddedChunks, testContext } from '../../store/shared/test-helpers';
import { mulberry32 } from '../../testing/random';
import type { LegHit } from './dense-search';
import { lexicalSearch } from './lexical-search';
import { PostingCache } from './posting-cache';

const WORDS = 'glacier valley river delta canyon desert dune oasis forest meadow swamp tundra volcano crater island lagoon reef coral harbor cliff plateau prairie savanna steppe marsh estuary fjord geyser spring creek summit ridge basin gorge mesa butte atoll bayou moor heath'.split(' ');

/** a cache with no room: every query is scored by the SQL aggregate */
const sqlOnly = () => new PostingCache(0);

/** the in-memory sum and the SQL aggregate must give the same ranking and the same scores */
function expectSameRanking(inMemory: LegHit[], inSql: LegHit[]) {
  expect(inMemory.map((hit) => hit.id)).toEqual(inSql.map((hit) => hit.id));
  inMemory.forEach((hit, i) => expect(Math.abs(hit.score - inSql[i]!.score)).toBeLessThan(1e-12));
}

describe.each(dbBackends())('lexical search over held postings on %s', (backend) => {
  let db: TestDb;
  const random = mulberry32(7);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const queries = Array.from({ length: 40 }, () => Array.from({ length: 1 + Math.floor(random() * 5) }, pick).join(' '));

  beforeAll(async () => {
    db = await openTestDb(backend);
    const texts = Array.from({ length: 300 }, () => Array.from({ length: 3 + Math.floor(random() * 22) }, pick).join(' '));
    texts.push(...texts.slice(0, 30)); // identical texts score alike: the tie-break must agree too
    const docs = texts.map((text, i) => ({ sourceId: `d${i}`, chunks: [{ text, vector: [1, 0, 0] }] }));
    await storePgvectorExecutor.execute!(testContext(db.sql), { chunks: embeddedChunks(docs, 'test-model', 3) }, storePgvectorConfig.parse({ collection: 'geo', indexTitle: false, indexThreshold: 0 }));
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const search = async (query: string, cache: PostingCache, limit: number) =>
    lexicalSearch(db.sql, await requireCollection(db.sql, 'geo'), { terms: analyze(query), limit, k1: 1.2, b: 0.75 }, cache);

  it('ranks and scores exactly as the SQL aggregate, ties included', async () => {
    const held = new PostingCache();
    let ties = 0;
    for (const query of queries) {
      for (const limit of [5, 50]) {
        const [inMemory, inSql] = [await search(query, held, limit), await search(query, sqlOnly(), limit)];
        expectSameRanking(inMemory, inSql);
        ties += inSql.filter((hit, i) => i > 0 && hit.score === inSql[i - 1]!.score).length;
      }
    }
    expect(ties).toBeGreaterThan(0); // the corpus did exercise the tie-break
    expect(held.held()).toBeGreaterThan(0);
  });

  it('stays within its budget by evicting the least recently used terms, and stays exact', async () => {
    const small = new PostingCache(400);
    for (const query of queries) {
      expectSameRanking(await search(query, small, 20), await search(query, sqlOnly(), 20));
      expect(small.held()).toBeLessThanOrEqual(400);
    }
    expect(small.held()).toBeGreaterThan(0);
  });

  it('answers concurrent queries that load the same terms exactly once each', async () => {
    const held = new PostingCache();
    const [first, second] = await Promise.all([search('glacier river', held, 10), search('glacier river', held, 10)]);
    expect(second).toEqual(first);
    const collection = await requireCollection(db.sql, 'geo');
    const [row] = await db.sql.query<{ postings: number }>(
      "SELECT count(*)::int AS postings FROM chunk_term WHERE collection_id = $1::uuid AND term = ANY($2::text[])",
      [collection.id, analyze('glacier river')],
    );
    expect(held.held()).toBe(row!.postings);
  });

  it('scores in SQL the first time a query would load many postings of new terms, and loads them the second time', async () => {
    const cautious = new PostingCache(1_000_000, 50);
    const query = 'glacier river';
    const inSql = await search(query, sqlOnly(), 10);
    expectSameRanking(await search(query, cautious, 10), inSql);
    expect(cautious.held()).toBe(0); // more than 50 postings of terms not asked for before
    expectSameRanking(await search(query, cautious, 10), inSql);
    expect(cautious.held()).toBeGreaterThan(50);
  });
});
