import type { SqlClient } from '../../core/context';
import type { CollectionRow } from '../../store/shared/collections';
import { GenerationCache } from './generation-cache';

/**
 * Document frequencies of query terms, cached per collection generation (generation-cache.ts). A
 * cached df is therefore exact for the generation read with the collection row, and BM25 reads each
 * query term's postings once (to score) instead of twice (to count, then to score) — counting was
 * about a third of a lexical query.
 */
const MAX_TERMS_PER_COLLECTION = 200_000;
const MAX_COLLECTIONS = 64;

/** collection id → term → df */
const cache = new GenerationCache(() => new Map<string, number>(), MAX_COLLECTIONS);

export async function documentFrequencies(sql: SqlClient, collection: CollectionRow, terms: readonly string[]): Promise<Map<string, number>> {
  const cached = cache.stateFor(collection);
  const missing = [...new Set(terms)].filter((term) => !cached.has(term));
  if (missing.length > 0) {
    const rows = await sql.query<{ term: string; df: number | string }>(
      `SELECT q.term, (SELECT count(*) FROM chunk_term t WHERE t.collection_id = $2::uuid AND t.term = q.term) AS df
       FROM unnest($1::text[]) AS q(term)`,
      [missing, collection.id],
    );
    if (cached.size + rows.length > MAX_TERMS_PER_COLLECTION) cached.clear();
    for (const row of rows) cached.set(row.term, Number(row.df));
  }
  return new Map(terms.map((term) => [term, cached.get(term) ?? 0]));
}
