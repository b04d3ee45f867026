import { catalog } from '../../nodes/catalog';
import { compileGraph } from '../../nodes/core/compile';
import type { GraphSpec } from '../../nodes/core/spec';
import type { Runner } from '../../runners/index';
import type { Artifact } from '../../runners/run-store';
import type { Db } from '../db/client';
import { evaluateRun, queryResults, type QueryResult, type Qrels } from './metrics';
import { rankedSources, rankingNodes } from './ranking';

export interface VersionEvaluationJob {
  evaluationId: string;
  graphId: string;
  versionId: string;
  spec: GraphSpec;
  /** the judged queries, in order: [query id, text] */
  queries: [string, string][];
  qrels: Qrels;
  depth: number;
  concurrency: number;
  signal: AbortSignal;
}

/** How long one query's run may take before it counts as failed. */
const QUERY_TIMEOUT_MS = 120_000;
/** How often progress is written (and a cancel from another process noticed). */
const PROGRESS_EVERY_MS = 1000;

/**
 * Runs every judged query through the version as a real run (source "eval": traced, in the run
 * history under that version, on the runner's workers in either mode), reads each run's rankings from
 * its stored node outputs, and writes the scores to the evaluation row. Progress goes to the row
 * about once a second; the row leaving `running` (a cancel, here or from another process) stops the
 * job. A query whose run fails counts as an empty ranking, and the count of them is kept.
 */
export async function evaluateVersion(db: Db, runner: Runner, job: VersionEvaluationJob): Promise<void> {
  const graph = compileGraph(job.spec, catalog);
  const rankers = rankingNodes(graph);
  const rankings = new Map<string, string[]>();
  const runIds = new Map<string, string>();
  const failedIds = new Set<string>();
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  let stopped = false;
  let lastWrite = Date.now();

  const stillRunning = async (): Promise<boolean> => {
    const rows = await db.sql.query(`UPDATE evaluation SET done = $2, updated_at = now() WHERE id = $1 AND status = 'running' RETURNING id`, [job.evaluationId, rankings.size]);
    return rows.length > 0;
  };

  const rank = async (queryId: string, text: string): Promise<string[]> => {
    const { runId } = await runner.start({ graphId: job.graphId, graphVersionId: job.versionId, spec: job.spec, input: { query: text, topK: job.depth }, source: 'eval' });
    runIds.set(queryId, runId);
    const finished = await runner.wait(runId, QUERY_TIMEOUT_MS);
    if (finished.status !== 'succeeded') throw new Error(`query ${queryId} ${finished.status}${finished.error ? `: ${finished.error.message}` : ''}`);
    const artifacts = await db.prisma.runArtifact.findMany({ where: { runId, nodeId: { in: rankers } }, select: { nodeId: true, data: true } });
    const nodes = Object.fromEntries(artifacts.map((a) => [a.nodeId, { outputs: (a.data as unknown as Artifact).outputs }]));
    return rankedSources(graph, { nodes }, job.depth);
  };

  const worker = async () => {
    while (!stopped && !job.signal.aborted && next < job.queries.length) {
      const [queryId, text] = job.queries[next++]!;
      try {
        rankings.set(queryId, await rank(queryId, text));
      } catch (error) {
        failed++;
        failedIds.add(queryId);
        firstError ??= (error as Error).message;
        rankings.set(queryId, []);
      }
      if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) {
        lastWrite = Date.now();
        if (!(await stillRunning())) stopped = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.concurrency, job.queries.length) }, worker));
  if (stopped || job.signal.aborted) return;

  if (failed === job.queries.length) {
    await finish(db, job.evaluationId, { status: 'failed', error: `every query failed; the first: ${firstError}`, failed, done: rankings.size });
    return;
  }
  const judged = new Map(job.queries.map(([id]) => [id, job.qrels.get(id)!]));
  const { ndcg10, recall100, mrr10 } = evaluateRun(rankings, judged);
  const perQuery = queryResults(
    job.queries.map(([id]) => id),
    new Map(job.queries),
    judged,
    rankings,
    (id) => ({ runId: runIds.get(id) ?? null, failed: failedIds.has(id) }),
  );
  await finish(db, job.evaluationId, {
    status: 'succeeded',
    metrics: { ndcg10, recall100, mrr10 },
    perQuery,
    failed,
    done: rankings.size,
    error: firstError ? `${failed} of ${job.queries.length} queries failed; the first: ${firstError}` : null,
  });
}

/** Ends a running evaluation (and only a running one: a cancel that came first stays). */
export async function finish(
  db: Db,
  evaluationId: string,
  end: { status: 'succeeded' | 'failed' | 'cancelled'; error?: string | null; metrics?: Record<string, number>; perQuery?: QueryResult[]; failed?: number; done?: number },
): Promise<boolean> {
  const rows = await db.sql.query(
    `UPDATE evaluation SET status = $2, error = $3, metrics = COALESCE($4::jsonb, metrics), per_query = COALESCE($5::jsonb, per_query),
       failed = COALESCE($6, failed), done = COALESCE($7, done), updated_at = now()
     WHERE id = $1 AND status = 'running' RETURNING id`,
    [evaluationId, end.status, end.error ?? null, end.metrics ? JSON.stringify(end.metrics) : null, end.perQuery ? JSON.stringify(end.perQuery) : null, end.failed ?? null, end.done ?? null],
  );
  return rows.length > 0;
}
