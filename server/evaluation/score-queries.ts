import { meanScores, queryResults, type EvalSummary, type Qrels, type QueryResult } from './metrics';

export interface ScoredQueries {
  /** each query's ranking (empty where it failed) */
  run: Map<string, string[]>;
  /** the lines of the queries scored, in the order given */
  perQuery: QueryResult[];
  summary: EvalSummary;
  /** queries whose ranking failed, and the first failure */
  failed: Set<string>;
  firstFailure?: { queryId: string; message: string };
  /** whether `shouldStop` ended it before every query ran */
  stopped: boolean;
}

/**
 * Ranks judged queries `concurrency` at a time and scores them: what `rag eval` (inline runs) and an
 * evaluation from the editor (runs through the runner) share. A query whose ranking fails counts as
 * an empty ranking and is marked failed, unless it failed because `shouldStop` stopped it: a query cut
 * short is left unscored (an evaluation that resumes runs it again).
 */
export async function scoreQueries(options: {
  /** [query id, text], in order */
  queries: readonly (readonly [string, string])[];
  qrels: Qrels;
  concurrency: number;
  rank: (queryId: string, text: string) => Promise<string[]>;
  /** the run that ranked a query, when there is one */
  runIdOf?: (queryId: string) => string | undefined;
  /** after each query, with how many are done and the query's line (none for a query without a relevant document) */
  onScored?: (done: number, line: QueryResult | undefined) => void;
  shouldStop?: () => boolean;
}): Promise<ScoredQueries> {
  const texts = new Map(options.queries);
  const run = new Map<string, string[]>();
  const lines = new Map<string, QueryResult>();
  const failed = new Set<string>();
  let firstFailure: ScoredQueries['firstFailure'];
  let next = 0;
  const stop = () => options.shouldStop?.() ?? false;
  const worker = async () => {
    while (!stop() && next < options.queries.length) {
      const [queryId, text] = options.queries[next++]!;
      try {
        run.set(queryId, await options.rank(queryId, text));
      } catch (error) {
        if (stop()) return;
        failed.add(queryId);
        firstFailure ??= { queryId, message: (error as Error).message };
        run.set(queryId, []);
      }
      const [line] = queryResults([queryId], texts, options.qrels, run, (id) => ({ runId: options.runIdOf?.(id) ?? null, failed: failed.has(id) }));
      if (line) lines.set(queryId, line);
      options.onScored?.(run.size, line);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.queries.length) }, worker));
  const perQuery = options.queries.flatMap(([id]) => lines.get(id) ?? []);
  return { run, perQuery, summary: meanScores(perQuery), failed, firstFailure, stopped: run.size < options.queries.length };
}
