import type { SqlClient } from '../../core/context';
import type { CollectionRow } from '../../store/shared/collections';

/**
 * Document frequencies of query terms, cached per collection under the collection's generation
 * (bumped by every transaction that changes its chunks). A cached df is therefore exact for the
 * generation read with the collection row, and BM25 reads each query term's postings once (to
 * score) instead of twice (to count, then to score) — counting was about a third of a lexical query.
 * A racing write can at worst leave the old generation's entry holding the newer counts, which only
 * readers of that older row ever see.
 */
const MAX_TERMS_PER_COLLECTION = 200_000;
const MAX_COLLECTIONS = 64;

interface Cached {
  generation: number;
  df: Map<string, number>;
}

/** collection id → its counts; Map order doubles as least-recently-used order */
const cache = new Map<string, Cached>();

export async function documentFrequencies(sql: SqlClient, collection: CollectionRow, terms: readonly string[]): Promise<Map<string, number>> {
  const cached = entryFor(collection);
  const missing = [...new Set(terms)].filter((term) => !cached.df.has(term));
  if (missing.length > 0) {
    const rows = await sql.query<{ term: string; df: number | string }>(
      `SELECT q.term, (SELECT count(*) FROM chunk_term t WHERE t.collection_id = $2::uuid AND t.term = q.term) AS df
       FROM unnest($1::text[]) AS q(term)`,
      [missing, collection.id],
    );
    if (cached.df.size + rows.length > MAX_TERMS_PER_COLLECTION) cached.df.clear();
    for (const row of rows) cached.df.set(row.term, Number(row.df));
  }
  return new Map(terms.map((term) => [term, cached.df.get(term) ?? 0]));
}

function entryFor(collection: CollectionRow): Cached {
  let entry = cache.get(collection.id);
  // a reader holding an older row than the cache's: counts for it alone, uncached
  if (entry && entry.generation > collection.generation) return { generation: collection.generation, df: new Map() };
  if (entry) cache.delete(collection.id); // re-inserted below as the most recent
  if (!entry || entry.generation !== collection.generation) entry = { generation: collection.generation, df: new Map() };
  cache.set(collection.id, entry);
  if (cache.size > MAX_COLLECTIONS) cache.delete(cache.keys().next().value!);
  return entry;
}
