import type { SqlClient } from '../../core/context';
import { commonWords, countTerms, type TermCounts } from '../../search/analyzer';
import { expandQuery, type FeedbackChunk, type FeedbackOptions } from '../../search/relevance-feedback';
import type { CollectionRow } from '../../store/shared/collections';
import type { LegHit } from './dense-search';
import { lexicalSearch, type LexicalSearchOptions } from './lexical-search';

export interface FeedbackSearchOptions extends LexicalSearchOptions {
  terms: readonly string[];
  /** first-pass chunks taken as relevant; 0 = no feedback (one plain pass) */
  feedbackChunks: number;
  feedback: FeedbackOptions;
}

/**
 * BM25 with pseudo-relevance feedback (nodes/search/relevance-feedback.ts): a first pass finds the
 * best `feedbackChunks` chunks, their terms as the index holds them (chunk_term, so the title is
 * there when the store indexed it) expand the query, and a second pass ranks with the expanded query.
 * Filters apply to both passes. Returns the second pass's hits and what the expansion added, as the
 * words the feedback chunks most often use for each added term (none recorded without feedback).
 */
export async function feedbackSearch(sql: SqlClient, collection: CollectionRow, options: FeedbackSearchOptions): Promise<{ hits: LegHit[]; expandedWith?: string[] }> {
  if (options.feedbackChunks <= 0) return { hits: await lexicalSearch(sql, collection, options) };
  const first = await lexicalSearch(sql, collection, { ...options, limit: options.feedbackChunks, withParents: false });
  if (first.length === 0) return { hits: [], expandedWith: [] };
  const ids = first.map((hit) => hit.id);
  // the texts only name the added terms in the trace: read beside the postings rather than as one
  // more round trip after the second pass
  const [indexed, texts] = await Promise.all([indexedTerms(sql, collection.id, ids), chunkTexts(sql, ids)]);
  const feedback: FeedbackChunk[] = first.map((hit) => ({ score: hit.score, ...(indexed.get(hit.id) ?? countTerms([])) }));
  const weights = expandQuery(options.terms, feedback, options.feedback);
  const original = new Set(options.terms);
  const hits = await lexicalSearch(sql, collection, { ...options, terms: weights });
  const added = [...weights.keys()].filter((term) => !original.has(term));
  const words = commonWords(added, texts);
  return { hits, expandedWith: added.map((term) => words.get(term) ?? term) };
}

/** Chunks' titles and texts, where the words behind their indexed terms are. */
async function chunkTexts(sql: SqlClient, chunkIds: readonly string[]): Promise<string[]> {
  const rows = await sql.query<{ text: string }>(`SELECT coalesce(metadata->>'title', '') || ' ' || text AS text FROM chunk WHERE id = ANY($1::uuid[])`, [chunkIds]);
  return rows.map((row) => row.text);
}

/** The postings of some chunks, regrouped per chunk: term counts and lexical length. */
async function indexedTerms(sql: SqlClient, collectionId: string, chunkIds: readonly string[]): Promise<Map<string, TermCounts>> {
  const rows = await sql.query<{ chunk_id: string; term: string; tf: number; dl: number }>(
    'SELECT chunk_id, term, tf, dl FROM chunk_term WHERE chunk_id = ANY($1::uuid[]) AND collection_id = $2::uuid',
    [chunkIds, collectionId],
  );
  const byChunk = new Map<string, TermCounts>();
  for (const row of rows) {
    let entry = byChunk.get(row.chunk_id);
    if (!entry) byChunk.set(row.chunk_id, (entry = { counts: new Map(), length: Number(row.dl) }));
    entry.counts.set(row.term, Number(row.tf));
  }
  return byChunk;
}
