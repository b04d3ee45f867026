import { catalog } from '../../nodes/catalog';
import { compileGraph } from '../../nodes/core/compile';
import type { GraphSpec } from '../../nodes/core/spec';
import type { FinishedRun, Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { meanScores, type QueryResult, type Qrels } from './metrics';
import { rankedSources, storedRankingOutputs } from './ranking';
import { scoreQueries } from './score-queries';

export interface VersionEvaluationJob {
  evaluationId: string;
  graphId: string;
  versionId: string;
  spec: GraphSpec;
  /** every judged query of the dataset, in order: [query id, text] */
  queries: (readonly [string, string])[];
  qrels: Qrels;
  depth: number;
  concurrency: number;
  signal: AbortSignal;
  /**
   * what an interrupted run of this evaluation already did: the queries it scored do not run again,
   * and those it had in flight wait for (or read) the runs it started for them ({query id: run id})
   */
  previous?: { lines: QueryResult[]; firstFailure: string | null; inFlight?: Record<string, string> };
}

/** How long one query's run may take before it counts as failed. */
const QUERY_TIMEOUT_MS = 120_000;
/**
 * How often the job writes its progress: the heartbeat that tells readers it is alive (a row silent
 * for STALE_AFTER_MS lost its process), and the moment it notices a cancel from any process.
 */
export const PROGRESS_EVERY_MS = 1000;
/** A running evaluation not written for this long lost its process: it is shown as interrupted, and resumed. */
export const STALE_AFTER_MS = 120 * PROGRESS_EVERY_MS;

/**
 * Runs every judged query through the version as a real run (source "eval": traced, in the run
 * history under that version, on the runner's workers in either mode), reads each run's rankings from
 * its stored node outputs, and writes the scores to the evaluation row. Every second the row gets the
 * progress, the lines of the queries scored since (appended to per_query, with the first failure in
 * error) and the runs in flight (in_flight, which a cancel cancels), so a job whose process stops can be resumed where it
 * stopped (`previous`) without running a query twice: the runs it was waiting for go on (on workers,
 * or drained and resumed in-process), and the resumed job adopts them. The row
 * leaving `running` (a cancel, here or from another process) stops the job; so does `signal`, after
 * which the row is left for another process to resume. A query whose run fails counts as an empty
 * ranking.
 */
export async function evaluateVersion(db: Db, runner: Runner, job: VersionEvaluationJob): Promise<void> {
  const graph = compileGraph(job.spec, catalog);
  const runIds = new Map<string, string>();
  // query id → its unfinished run: written with each beat, and what a resumed job adopts
  const inFlight = new Map<string, string>();
  const adoptable = new Map(Object.entries(job.previous?.inFlight ?? {}));
  const previous = job.previous?.lines ?? [];
  const scoredBefore = new Set(previous.map((line) => line.id));
  const remaining = job.queries.filter(([id]) => !scoredBefore.has(id));
  let done = scoredBefore.size;
  let cancelled = false;
  // lines scored since the last write, and the first failure until it is written
  let unwritten: QueryResult[] = [];
  let firstFailure = job.previous?.firstFailure ?? null;
  let failureWritten = firstFailure !== null;

  /** The finished run of a query: the one the interrupted job left in flight when it succeeds, else a new one. */
  const finishedRun = async (queryId: string, text: string) => {
    const adopted = adoptable.get(queryId);
    adoptable.delete(queryId);
    if (adopted) {
      inFlight.set(queryId, adopted);
      const outcome = await outcomeOf(runner, adopted, job.signal);
      if (outcome?.status === 'succeeded') return { runId: adopted, finished: outcome };
    }
    const { runId } = await runner.start({ graphId: job.graphId, graphVersionId: job.versionId, spec: job.spec, input: { query: text, topK: job.depth }, source: 'eval' });
    inFlight.set(queryId, runId);
    // a stopping job does not wait for the runs it started: they stay in in_flight for the job that resumes it
    return { runId, finished: await untilAborted(runner.wait(runId, QUERY_TIMEOUT_MS), job.signal) };
  };

  const rank = async (queryId: string, text: string): Promise<string[]> => {
    try {
      const { runId, finished } = await finishedRun(queryId, text);
      runIds.set(queryId, runId);
      if (finished.status !== 'succeeded') throw new Error(`${finished.status}${finished.error ? `: ${finished.error.message}` : ''}`);
      return rankedSources(graph, await storedRankingOutputs(db, runId, graph), job.depth);
    } finally {
      // settled: the query's line is added in this same turn, so a beat writes both or neither. A
      // stopping job keeps it: its run stays in flight for the job that resumes this one.
      if (!job.signal.aborted) inFlight.delete(queryId);
    }
  };

  // one write at a time; a failed write (the database away for a moment) is tried at the next beat
  let beating: Promise<void> = Promise.resolve();
  const beat = async () => {
    const lines = unwritten;
    const failure = failureWritten ? null : firstFailure;
    unwritten = [];
    try {
      const rows = await db.sql.query(
        `UPDATE evaluation SET done = $2, per_query = per_query || $3::jsonb, error = COALESCE(error, $4), in_flight = $5::jsonb, updated_at = now()
         WHERE id = $1 AND status = 'running' RETURNING id`,
        [job.evaluationId, done, JSON.stringify(lines), failure, JSON.stringify(Object.fromEntries(inFlight))],
      );
      if (rows.length === 0) {
        // cancelled (here or in another process): the runs it was waiting for are cancelled too, not
        // left to finish for nobody (a run that has ended already is left as it is)
        cancelled = true;
        for (const runId of inFlight.values()) void runner.cancel(runId).catch(() => undefined);
      }
      if (failure) failureWritten = true;
    } catch (error) {
      unwritten = [...lines, ...unwritten];
      throw error;
    }
  };
  const heartbeat = setInterval(() => {
    beating = beating.then(beat).catch(() => undefined);
  }, PROGRESS_EVERY_MS);
  let scored;
  try {
    scored = await scoreQueries({
      queries: remaining,
      qrels: job.qrels,
      concurrency: job.concurrency,
      rank,
      runIdOf: (id) => runIds.get(id),
      onScored: (n, line) => {
        done = scoredBefore.size + n;
        if (line) unwritten.push(line);
      },
      shouldStop: () => cancelled || job.signal.aborted,
    });
    if (scored.firstFailure) firstFailure ??= `query ${scored.firstFailure.queryId} ${scored.firstFailure.message}`;
  } finally {
    clearInterval(heartbeat);
    // what was scored since the last beat is written before the job ends, however it ends
    beating = beating.then(beat).catch(() => undefined);
    await beating;
  }
  if (scored.stopped) {
    // stopped by its process (shutting down), not cancelled: left silent, so the next process resumes it at once
    if (job.signal.aborted && !cancelled) await db.sql.query(`UPDATE evaluation SET updated_at = now() - interval '1 day' WHERE id = $1 AND status = 'running'`, [job.evaluationId]).catch(() => undefined);
    return;
  }

  const order = new Map(job.queries.map(([id], i) => [id, i]));
  const perQuery = [...previous, ...scored.perQuery].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const failed = perQuery.filter((line) => line.failed).length;
  if (failed === perQuery.length) {
    await finish(db, job.evaluationId, { status: 'failed', error: `every query failed; the first: ${firstFailure}`, perQuery, failed, done: job.queries.length });
    return;
  }
  const summary = meanScores(perQuery);
  await finish(db, job.evaluationId, {
    status: 'succeeded',
    metrics: { ndcg10: summary.ndcg10, recall100: summary.recall100, mrr10: summary.mrr10 },
    perQuery,
    failed,
    done: job.queries.length,
    error: firstFailure ? `${failed} of ${job.queries.length} queries failed; the first: ${firstFailure}` : null,
  });
}

/**
 * How a run left in flight by an interrupted job ended: at once when it has, else when it does (it
 * goes on on the workers, or is resumed by this process's runner); undefined when it is gone
 * (pruned, or its graph deleted: the wait says so at once) or does not finish in time, so the query
 * runs again.
 */
function outcomeOf(runner: Runner, runId: string, signal: AbortSignal): Promise<FinishedRun | undefined> {
  return untilAborted(runner.wait(runId, QUERY_TIMEOUT_MS), signal).catch((error: unknown) => {
    if (signal.aborted) throw error;
    return undefined;
  });
}

/** `promise`, or a rejection as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('stopped'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('stopped'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
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
       failed = COALESCE($6, failed), done = COALESCE($7, done), in_flight = '{}', updated_at = now()
     WHERE id = $1 AND status = 'running' RETURNING id`,
    [evaluationId, end.status, end.error ?? null, end.metrics ? JSON.stringify(end.metrics) : null, end.perQuery ? JSON.stringify(end.perQuery) : null, end.failed ?? null, end.done ?? null],
  );
  return rows.length > 0;
}
