import type { SqlClient } from '../../core/context';
import type { Bm25Params } from '../../search/bm25';
import type { CollectionRow } from '../../store/shared/collections';
import type { LegHit } from './dense-search';

export interface LexicalSearchOptions extends Bm25Params {
  /** analysed query terms (a repeated term counts once, as in nodes/search/bm25.ts) */
  terms: readonly string[];
  limit: number;
  filter?: Record<string, unknown>;
}

/**
 * BM25 computed in SQL from the postings in chunk_term, with exactly the formulas of
 * nodes/search/bm25.ts: idf from the document frequency of each query term in this collection
 * (computed once per term, not per posting), N and avgdl from the collection's counters, tf and dl
 * from the posting. Both passes over the postings are index-only scans of chunk_term's key.
 */
export async function lexicalSearch(sql: SqlClient, collection: CollectionRow, options: LexicalSearchOptions): Promise<LegHit[]> {
  if (options.terms.length === 0 || collection.chunkCount === 0 || options.limit <= 0) return [];
  const avgdl = collection.totalTokens / collection.chunkCount || 1;
  const params: unknown[] = [options.terms, collection.id, collection.chunkCount, avgdl, options.k1, options.b, options.limit];
  let filterSql = '';
  if (options.filter) {
    params.push(JSON.stringify(options.filter));
    filterSql = ` AND t.chunk_id IN (SELECT id FROM chunk WHERE collection_id = $2::uuid AND metadata @> $8::jsonb)`;
  }
  const rows = await sql.query<{ id: string; parent_chunk_id: string | null; score: number }>(
    // Shaped so that every plan, custom or generic (the statement is prepared), reads only the query
    // terms' postings: document frequencies are counted once per term (a materialised CTE), each
    // term's postings are a LATERAL index-only scan, and hits look up their parent one by one.
    `WITH q AS (SELECT DISTINCT term FROM unnest($1::text[]) AS term),
     df AS MATERIALIZED (
       SELECT q.term, (SELECT count(*) FROM chunk_term t WHERE t.collection_id = $2::uuid AND t.term = q.term)::float8 AS df FROM q
     ),
     idf AS (SELECT term, ln(1 + ($3::float8 - df + 0.5) / (df + 0.5)) AS idf FROM df WHERE df > 0),
     scored AS (
       SELECT p.chunk_id,
              sum(idf.idf * (p.tf * ($5::float8 + 1)) / (p.tf + $5::float8 * (1 - $6::float8 + $6::float8 * p.dl / $4::float8))) AS score
       FROM idf CROSS JOIN LATERAL (
         SELECT t.chunk_id, t.tf, t.dl FROM chunk_term t WHERE t.collection_id = $2::uuid AND t.term = idf.term${filterSql}
       ) p
       GROUP BY p.chunk_id
       ORDER BY score DESC, p.chunk_id
       LIMIT $7
     )
     SELECT s.chunk_id AS id, (SELECT c.parent_chunk_id FROM chunk c WHERE c.id = s.chunk_id) AS parent_chunk_id, s.score
     FROM scored s ORDER BY s.score DESC, s.chunk_id`,
    params,
  );
  return rows.map((r) => ({ id: r.id, parentId: r.parent_chunk_id, score: Number(r.score) }));
}
