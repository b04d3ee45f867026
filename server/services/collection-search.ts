import { z } from 'zod';
import { catalog } from '../../nodes/catalog';
import { compileGraph } from '../../nodes/core/compile';
import { queryInputFields } from '../../nodes/io/query-input/definition';
import type { Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { rankings, storedRankingOutputs } from '../evaluation/ranking';
import { getCollection } from './collections';
import { parseOrBadRequest } from './errors';
import { collectionGraph } from './collection-graph';
import { uuid } from './spec-input';
import { passageViews, type PassageView } from '../../nodes/core/passage-view';

/** How long a search waits for its run before answering with the run to open instead. */
const SEARCH_WAIT_MS = 60_000;

export const collectionSearchInput = z.object({
  collection: z.string().min(1).max(128),
  query: queryInputFields.shape.query,
  topK: z.number().int().min(1, 'topK is at least 1').max(50, 'topK is at most 50').default(10),
  graphId: uuid.optional(),
});
export type CollectionSearchInput = z.input<typeof collectionSearchInput>;

export type SearchHit = PassageView;

export interface CollectionSearchResult {
  runId: string;
  graphId: string;
  graphName: string;
  versionNumber: number | null;
  status: string;
  /** why there are no hits: the run failed or is still going, or it ranked nothing */
  error: string | null;
  /** the node whose ranking the hits are: the last one that emitted passages (a reranker after the retriever) */
  rankedBy: { nodeId: string; type: string } | null;
  /** terms relevance feedback added to the query (the retrievers' `expandedWith`), strongest first */
  expandedWith: string[];
  hits: SearchHit[];
}

/**
 * Tries a query on a collection the way a query graph would answer it (a Dify user's "retrieval
 * testing"): runs the graph (`collectionGraph`: the seeded query graph unless `graphId` names another)
 * with its retrievers pointed at the collection, as a real run in the history, and returns the
 * passages its final ranking node emitted with their scores.
 */
export async function searchCollection(db: Db, runner: Runner, raw: CollectionSearchInput): Promise<CollectionSearchResult> {
  const input = parseOrBadRequest(collectionSearchInput, raw, 'the search is not valid');
  await getCollection(db, input.collection); // 404 naming the collection before anything runs
  const { graph, version, spec } = await collectionGraph(db, 'query', input.collection, input.graphId);
  const { runId } = await runner.start({
    graphId: graph.id,
    graphVersionId: version?.id ?? null,
    spec,
    input: { query: input.query, topK: input.topK },
    source: 'editor',
  });
  const base = { runId, graphId: graph.id, graphName: graph.name, versionNumber: version?.number ?? null };
  const finished = await runner.wait(runId, SEARCH_WAIT_MS).catch(() => null);
  // what a search that ranked nothing answers besides its status and why
  const nothing = { ...base, rankedBy: null, expandedWith: [], hits: [] };
  if (!finished) return { ...nothing, status: 'running', error: `the run has not finished after ${SEARCH_WAIT_MS / 1000} s: open it to follow it` };
  if (finished.status !== 'succeeded') return { ...nothing, status: finished.status, error: finished.error?.message ?? null };

  const compiled = compileGraph(spec, catalog); // the runner compiled it already: a bad graph was refused there
  // the last ranking in execution order is the final one (a reranker after the retriever)
  const final = rankings(compiled, await storedRankingOutputs(db, runId, compiled)).at(-1);
  if (final) {
    return {
      ...base,
      status: 'succeeded',
      error: null,
      rankedBy: { nodeId: final.nodeId, type: compiled.nodes.get(final.nodeId)!.definition.type },
      expandedWith: await expansionTerms(db, runId),
      hits: passageViews(final.items.slice(0, input.topK)),
    };
  }
  return {
    ...nothing,
    status: 'succeeded',
    error: 'the graph answered without ranking any passage (a guardrail blocked the query, or a router took another branch): open the run to see which',
  };
}

/** The terms a run's retrievers added by relevance feedback, as their traces recorded them (each once). */
async function expansionTerms(db: Db, runId: string): Promise<string[]> {
  const rows = await db.sql.query<{ terms: unknown }>(
    `SELECT metrics->'expandedWith' AS terms FROM node_run WHERE run_id = $1 AND status = 'succeeded' AND metrics ? 'expandedWith' ORDER BY started_at`,
    [runId],
  );
  return [...new Set(rows.flatMap((row) => (Array.isArray(row.terms) ? row.terms.filter((t): t is string => typeof t === 'string') : [])))];
}
