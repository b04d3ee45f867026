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
 * nodes/search/bm25.ts: idf from the document frequency of each query term in this collection, N and
 * avgdl from the collection's counters, tf and dl from the posting.
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
    `WITH q AS (SELECT DISTINCT term FROM unnest($1::text[]) AS term),
     df AS (
       SELECT t.term, count(*)::float8 AS df FROM chunk_term t JOIN q ON q.term = t.term
       WHERE t.collection_id = $2::uuid GROUP BY t.term
     ),
     scored AS (
       SELECT t.chunk_id,
              sum(ln(1 + ($3::float8 - df.df + 0.5) / (df.df + 0.5))
                  * (t.tf * ($5::float8 + 1)) / (t.tf + $5::float8 * (1 - $6::float8 + $6::float8 * t.dl / $4::float8))) AS score
       FROM chunk_term t JOIN q ON q.term = t.term JOIN df ON df.term = t.term
       WHERE t.collection_id = $2::uuid${filterSql}
       GROUP BY t.chunk_id
       ORDER BY score DESC, t.chunk_id
       LIMIT $7
     )
     SELECT s.chunk_id AS id, c.parent_chunk_id, s.score FROM scored s JOIN chunk c ON c.id = s.chunk_id ORDER BY s.score DESC, s.chunk_id`,
    params,
  );
  return rows.map((r) => ({ id: r.id, parentId: r.parent_chunk_id, score: Number(r.score) }));
}
