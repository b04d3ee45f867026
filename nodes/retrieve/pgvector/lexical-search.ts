import type { SqlClient } from '../../core/context';
import { bm25Idf, type Bm25Params } from '../../search/bm25';
import type { CollectionRow } from '../../store/shared/collections';
import { scoreHeldPostings } from './bm25-in-memory';
import type { LegHit } from './dense-search';
import { documentFrequencies } from './document-frequencies';
import { postingCache as processPostingCache, type PostingCache } from './posting-cache';

export interface LexicalSearchOptions extends Bm25Params {
  /**
   * analysed query terms (a repeated term counts once, as in nodes/search/bm25.ts), or term → weight
   * for a query with weighted terms (relevance feedback's expansion)
   */
  terms: readonly string[] | ReadonlyMap<string, number>;
  limit: number;
  filter?: Record<string, unknown>;
  /** look up each hit's parent chunk (small-to-big needs it; otherwise parentId is null) */
  withParents?: boolean;
}

/**
 * BM25 computed in SQL from the postings in chunk_term, with the formulas of nodes/search/bm25.ts:
 * idf from the document frequency of each query term in this collection (cached per collection
 * generation, see document-frequencies.ts), N and avgdl from the collection's counters, tf and dl
 * from the posting, times the term's weight in the query (1 unless relevance feedback weighed it).
 * The per-term factors are folded before the query so each posting costs one division:
 *   q·idf·tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))  =  w · tf / (tf + K + B·dl)
 *   with w = q·idf·(k1+1), K = k1·(1 − b), B = k1·b / avgdl.
 * Unfiltered, the same sum runs in this process over the postings the posting cache holds for the
 * collection's generation (posting-cache.ts), which is several times cheaper than Postgres's hash
 * aggregate; SQL scores filtered queries and queries whose postings exceed the cache's budget.
 */
export async function lexicalSearch(sql: SqlClient, collection: CollectionRow, options: LexicalSearchOptions, postingCache: PostingCache = processPostingCache): Promise<LegHit[]> {
  const queryWeights = weighted(options.terms);
  if (queryWeights.size === 0 || collection.chunkCount === 0 || options.limit <= 0) return [];
  const distinct = [...queryWeights.keys()];
  const df = await documentFrequencies(sql, collection, distinct);
  const present = distinct.filter((term) => df.get(term)! > 0 && queryWeights.get(term)! > 0);
  if (present.length === 0) return [];
  const { k1, b } = options;
  const avgdl = collection.totalTokens / collection.chunkCount || 1;
  const weights = present.map((term) => queryWeights.get(term)! * bm25Idf(collection.chunkCount, df.get(term)!) * (k1 + 1));
  const K = k1 * (1 - b);
  const B = (k1 * b) / avgdl;
  const held = options.filter ? null : await postingCache.postings(sql, collection, present, df);
  if (held) {
    const hits = scoreHeldPostings(held, { weights, K, B, limit: options.limit });
    const parents = options.withParents ? await parentIds(sql, hits.map((hit) => hit.id)) : new Map<string, string | null>();
    return hits.map((hit) => ({ id: hit.id, parentId: parents.get(hit.id) ?? null, score: hit.score }));
  }
  const params: unknown[] = [present, weights, collection.id, K, B, options.limit];
  let filterSql = '';
  if (options.filter) {
    params.push(JSON.stringify(options.filter));
    filterSql = ` AND t.chunk_id IN (SELECT id FROM chunk WHERE collection_id = $3::uuid AND metadata @> $7::jsonb)`;
  }
  const parent = options.withParents ? '(SELECT c.parent_chunk_id FROM chunk c WHERE c.id = s.chunk_id)' : 'NULL::uuid';
  const rows = await sql.query<{ id: string; parent_chunk_id: string | null; score: number }>(
    // Shaped so that every plan, custom or generic (the statement is prepared), reads only the query
    // terms' postings: each term's postings are a LATERAL index-only scan of chunk_term's key.
    `WITH w AS (SELECT term, weight FROM unnest($1::text[], $2::float8[]) AS w(term, weight)),
     scored AS (
       SELECT p.chunk_id, sum(w.weight * p.tf / (p.tf + $4::float8 + $5::float8 * p.dl)) AS score
       FROM w CROSS JOIN LATERAL (
         SELECT t.chunk_id, t.tf, t.dl FROM chunk_term t WHERE t.collection_id = $3::uuid AND t.term = w.term${filterSql}
       ) p
       GROUP BY p.chunk_id
       ORDER BY score DESC, p.chunk_id
       LIMIT $6
     )
     SELECT s.chunk_id AS id, ${parent} AS parent_chunk_id, s.score FROM scored s ORDER BY s.score DESC, s.chunk_id`,
    params,
  );
  return rows.map((r) => ({ id: r.id, parentId: r.parent_chunk_id, score: Number(r.score) }));
}

/** Term → weight; plain terms weigh 1 each (a repeated term counts once). */
function weighted(terms: readonly string[] | ReadonlyMap<string, number>): ReadonlyMap<string, number> {
  if (!(terms instanceof Map)) return new Map([...new Set(terms as readonly string[])].map((term) => [term, 1]));
  return terms;
}

async function parentIds(sql: SqlClient, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; parent_chunk_id: string | null }>('SELECT id, parent_chunk_id FROM chunk WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((row) => [row.id, row.parent_chunk_id]));
}
