import type { SqlClient } from '../../core/context';
import type { CollectionRow } from '../../store/shared/collections';
import { GenerationCache } from './generation-cache';

/** One term's postings in one collection generation: parallel arrays, one slot per chunk with the term. */
export interface TermPostings {
  /** ordinals into CollectionPostings.chunkIds */
  chunks: Int32Array;
  tf: Int32Array;
  dl: Int32Array;
}

export interface CollectionPostings {
  /** ordinal → chunk id, for the chunks of every posting loaded in this generation */
  chunkIds: string[];
  ordinals: Map<string, number>;
  /** term → postings; Map order doubles as least-recently-used order */
  terms: Map<string, TermPostings>;
  /** postings held in `terms` */
  size: number;
  /** terms asked for once whose postings were too many to load on first sight */
  seenOnce: Set<string>;
}

/** What a query gets: its terms' postings (in its order) and the table their ordinals index. */
export interface HeldPostings {
  /** appended to, never rewritten, so ordinals stay valid for whoever holds it */
  chunkIds: readonly string[];
  lists: TermPostings[];
}

/** 12 bytes a posting: the default holds about 48 MB of postings (LEXICAL_CACHE_POSTINGS) */
export const DEFAULT_POSTING_BUDGET = 4_000_000;
const MAX_COLLECTIONS = 64;

const emptyState = (): CollectionPostings => ({ chunkIds: [], ordinals: new Map(), terms: new Map(), size: 0, seenOnce: new Set() });
/** loads up to this many postings for a query at once; more only for terms asked for before */
export const DEFAULT_EAGER_LOAD = 2_000;
const MAX_SEEN_ONCE = 100_000;

/**
 * The postings (chunk_term rows) of recently queried terms, held in this process per collection
 * generation so that BM25 over them is summed here instead of in a Postgres hash aggregate: that
 * aggregate was the largest single cost of a hybrid query (about 2.8 ms of 4.4 ms in Postgres per
 * call over SciFact). Postgres stays the store and the only source of truth; what is held here is
 * exact for the generation it was read for (generation-cache.ts), and a write moves readers to a new,
 * empty generation. A budget bounds the postings held across collections; the least recently used
 * terms go first. A query whose own postings exceed the budget gets null (its caller scores in SQL).
 *
 * Loading a term's postings costs about twice what scoring them in SQL does (4.3 ms against 2.1 ms
 * for a SciFact query with nothing held; 0.14 ms once held), so a query that would load many
 * postings of terms never asked for before is scored in SQL and those terms are noted: they load the
 * next time they are asked for. Terms that come once never cost a load, and a collection much larger
 * than the budget, queried with ever new words, costs what it did in SQL rather than twice that.
 */
export class PostingCache {
  private readonly collections = new GenerationCache(emptyState, MAX_COLLECTIONS);

  constructor(
    readonly budget = DEFAULT_POSTING_BUDGET,
    private readonly eagerLoad = DEFAULT_EAGER_LOAD,
  ) {}

  /**
   * The postings of `terms` (distinct, each with df > 0) for the collection's generation, loading the
   * missing ones in one statement; `df` sizes the load before it is made.
   */
  async postings(sql: SqlClient, collection: CollectionRow, terms: readonly string[], df: ReadonlyMap<string, number>): Promise<HeldPostings | null> {
    const postingCount = (list: readonly string[]) => list.reduce((n, term) => n + (df.get(term) ?? 0), 0);
    if (postingCount(terms) > this.budget) return null;
    const state = this.collections.stateFor(collection);
    const missing = terms.filter((term) => !state.terms.has(term));
    if (postingCount(missing) > this.eagerLoad && missing.some((term) => !state.seenOnce.has(term))) {
      if (state.seenOnce.size + missing.length > MAX_SEEN_ONCE) state.seenOnce.clear();
      for (const term of missing) state.seenOnce.add(term);
      return null;
    }
    if (missing.length > 0) {
      // every live ordinal belongs to a held posting, so more ordinals than the budget are leftovers of evicted terms
      // (new arrays, not cleared ones: a caller may still hold the old chunkIds)
      if (state.chunkIds.length > this.budget) Object.assign(state, emptyState());
      this.makeRoom(postingCount(missing), state, new Set(terms));
      await load(sql, collection, missing, state);
    }
    // a query running while this one loaded may have evicted some of its terms: the caller scores in SQL
    if (terms.some((term) => !state.terms.has(term))) return null;
    const lists = terms.map((term) => {
      const list = state.terms.get(term)!;
      state.terms.delete(term); // re-inserted as the most recently used
      state.terms.set(term, list);
      return list;
    });
    return { chunkIds: state.chunkIds, lists };
  }

  /** postings held across collections */
  held(): number {
    let total = 0;
    for (const state of this.collections.states()) total += state.size;
    return total;
  }

  /** Evicts least recently used terms (least recently used collections first), never the query's own. */
  private makeRoom(incoming: number, current: CollectionPostings, keep: ReadonlySet<string>): void {
    let held = this.held();
    for (const state of this.collections.states()) {
      for (const [term, list] of state.terms) {
        if (held + incoming <= this.budget) return;
        if (state === current && keep.has(term)) continue;
        state.terms.delete(term);
        state.size -= list.chunks.length;
        held -= list.chunks.length;
      }
    }
  }
}

async function load(sql: SqlClient, collection: CollectionRow, terms: readonly string[], state: CollectionPostings): Promise<void> {
  const rows = await sql.query<{ term: string; chunk_id: string; tf: number; dl: number }>(
    'SELECT term, chunk_id, tf, dl FROM chunk_term WHERE collection_id = $1::uuid AND term = ANY($2::text[])',
    [collection.id, terms],
  );
  const grouped = new Map<string, { chunks: number[]; tf: number[]; dl: number[] }>(terms.map((term) => [term, { chunks: [], tf: [], dl: [] }]));
  for (const row of rows) {
    const list = grouped.get(row.term)!;
    let ordinal = state.ordinals.get(row.chunk_id);
    if (ordinal === undefined) {
      ordinal = state.chunkIds.push(row.chunk_id) - 1;
      state.ordinals.set(row.chunk_id, ordinal);
    }
    list.chunks.push(ordinal);
    list.tf.push(row.tf);
    list.dl.push(row.dl);
  }
  for (const [term, list] of grouped) {
    const loadedConcurrently = state.terms.get(term);
    if (loadedConcurrently) state.size -= loadedConcurrently.chunks.length;
    state.terms.set(term, { chunks: Int32Array.from(list.chunks), tf: Int32Array.from(list.tf), dl: Int32Array.from(list.dl) });
    state.size += list.chunks.length;
  }
}

/** the process's cache, shared by every retrieve node; LEXICAL_CACHE_POSTINGS (validated in server/env.ts) sets its budget */
export const postingCache = new PostingCache(process.env.LEXICAL_CACHE_POSTINGS ? Number(process.env.LEXICAL_CACHE_POSTINGS) : DEFAULT_POSTING_BUDGET);
