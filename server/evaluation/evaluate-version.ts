import { catalog } from '../../nodes/catalog';
import { compileGraph } from '../../nodes/core/compile';
import type { GraphSpec } from '../../nodes/core/spec';
import type { Runner } from '../../runners/index';
import type { Artifact } from '../../runners/run-store';
import type { Db } from '../db/client';
import type { QueryResult, Qrels } from './metrics';
import { rankedSources, rankingNodes } from './ranking';
import { scoreQueries } from './score-queries';

export interface VersionEvaluationJob {
  evaluationId: string;
  graphId: string;
  versionId: string;
  spec: GraphSpec;
  /** the judged queries, in order: [query id, text] */
  queries: (readonly [string, string])[];
  qrels: Qrels;
  depth: number;
  concurrency: number;
  signal: AbortSignal;
}

/** How long one query's run may take before it counts as failed. */
const QUERY_TIMEOUT_MS = 120_000;
/**
 * How often the job writes its progress: the heartbeat that tells readers it is alive (a row silent
 * for STALE_AFTER_MS is shown as interrupted), and the moment it notices a cancel from any process.
 */
export const PROGRESS_EVERY_MS = 1000;

/**
 * Runs every judged query through the version as a real run (source "eval": traced, in the run
 * history under that version, on the runner's workers in either mode), reads each run's rankings from
 * its stored node outputs, and writes the scores to the evaluation row. Progress goes to the row
 * every second, whether or not a query finished; the row leaving `running` (a cancel, here or from
 * another process) stops the job. A query whose run fails counts as an empty ranking.
 */
export async function evaluateVersion(db: Db, runner: Runner, job: VersionEvaluationJob): Promise<void> {
  const graph = compileGraph(job.spec, catalog);
  const rankers = rankingNodes(graph);
  const runIds = new Map<string, string>();
  let done = 0;
  let cancelled = false;

  const rank = async (queryId: string, text: string): Promise<string[]> => {
    const { runId } = await runner.start({ graphId: job.graphId, graphVersionId: job.versionId, spec: job.spec, input: { query: text, topK: job.depth }, source: 'eval' });
    runIds.set(queryId, runId);
    const finished = await runner.wait(runId, QUERY_TIMEOUT_MS);
    if (finished.status !== 'succeeded') throw new Error(`${finished.status}${finished.error ? `: ${finished.error.message}` : ''}`);
    const artifacts = await db.prisma.runArtifact.findMany({ where: { runId, nodeId: { in: rankers } }, select: { nodeId: true, data: true } });
    const nodes = Object.fromEntries(artifacts.map((a) => [a.nodeId, { outputs: (a.data as unknown as Artifact).outputs }]));
    return rankedSources(graph, { nodes }, job.depth);
  };

  // one write at a time; a failed write (the database away for a moment) is tried at the next beat
  let beating: Promise<void> = Promise.resolve();
  const beat = async () => {
    const rows = await db.sql.query(`UPDATE evaluation SET done = $2, updated_at = now() WHERE id = $1 AND status = 'running' RETURNING id`, [job.evaluationId, done]);
    if (rows.length === 0) cancelled = true;
  };
  const heartbeat = setInterval(() => {
    beating = beating.then(beat).catch(() => undefined);
  }, PROGRESS_EVERY_MS);
  let scored;
  try {
    scored = await scoreQueries({
      queries: job.queries,
      qrels: job.qrels,
      concurrency: job.concurrency,
      rank,
      runIdOf: (id) => runIds.get(id),
      onScored: (n) => void (done = n),
      shouldStop: () => cancelled || job.signal.aborted,
    });
  } finally {
    clearInterval(heartbeat);
    await beating;
  }
  if (scored.stopped) return;

  const { failed, firstFailure, summary, perQuery } = scored;
  const first = firstFailure && `query ${firstFailure.queryId} ${firstFailure.message}`;
  if (failed.size === job.queries.length) {
    await finish(db, job.evaluationId, { status: 'failed', error: `every query failed; the first: ${first}`, failed: failed.size, done: job.queries.length });
    return;
  }
  await finish(db, job.evaluationId, {
    status: 'succeeded',
    metrics: { ndcg10: summary.ndcg10, recall100: summary.recall100, mrr10: summary.mrr10 },
    perQuery,
    failed: failed.size,
    done: job.queries.length,
    error: first ? `${failed.size} of ${job.queries.length} queries failed; the first: ${first}` : null,
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
