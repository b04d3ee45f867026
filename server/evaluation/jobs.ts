import type { Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { pointedAt } from '../services/collection-graph';
import { loadJudgedQueries } from '../services/datasets';
import { getVersion } from '../services/versions';
import { evaluateVersion, finish, STALE_AFTER_MS, type VersionEvaluationJob } from './evaluate-version';
import type { QueryResult } from './metrics';
import { log } from '../log';
import { repeatInBackground } from '../services/background';

/**
 * The evaluations this process is running. A cancel aborts the local job at once (another process's
 * job notices the row's status within a second). Shutting down stops each job and leaves its row to
 * be resumed; every web process resumes evaluations whose process stopped (`scheduleEvaluationResume`).
 */
const active = new Map<string, { controller: AbortController; ended: Promise<void> }>();

/** Queries of one evaluation in flight at once: PGlite serves one connection, so fewer there. */
const concurrencyOn = (db: Db) => (db.kind === 'postgres' ? 4 : 2);

/** What an evaluation runs: its row, the version (as getVersion reads it) and the dataset's judged queries (as loadJudgedQueries reads them). */
export interface EvaluationLaunch {
  evaluationId: string;
  version: { id: string; graphId: string; spec: VersionEvaluationJob['spec'] };
  dataset: Pick<VersionEvaluationJob, 'queries' | 'qrels'>;
  depth: number;
  previous?: VersionEvaluationJob['previous'];
}

export function launchEvaluation(db: Db, runner: Runner, { evaluationId, version, dataset, depth, previous }: EvaluationLaunch): void {
  const controller = new AbortController();
  const job = { evaluationId, graphId: version.graphId, versionId: version.id, spec: version.spec, queries: dataset.queries, qrels: dataset.qrels, depth, previous };
  const ended = evaluateVersion(db, runner, { ...job, concurrency: concurrencyOn(db), signal: controller.signal })
    .catch(async (error: unknown) => {
      log.error(`[evaluation] ${job.evaluationId} crashed:`, error);
      await finish(db, job.evaluationId, { status: 'failed', error: `the evaluation stopped: ${(error as Error).message}` }).catch(() => undefined);
    })
    .finally(() => active.delete(job.evaluationId));
  active.set(job.evaluationId, { controller, ended });
}

export function abortEvaluation(evaluationId: string): void {
  active.get(evaluationId)?.controller.abort();
}

/** How long shutting down waits for its evaluations to write what they scored. */
const STOP_WAIT_MS = 5000;

/** Stops this process's evaluations (graceful shutdown): each writes what it scored and is left to resume. */
export async function stopEvaluations(): Promise<void> {
  const jobs = [...active.values()];
  for (const job of jobs) job.controller.abort();
  await Promise.race([Promise.all(jobs.map((job) => job.ended)), new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
}

/**
 * Claims the running evaluations no process has written for STALE_AFTER_MS (the claim is one UPDATE,
 * so two processes never both take one) and carries each on from its stored lines, adopting the
 * runs it had in flight. An evaluation
 * whose dataset was deleted cannot resume: it stays interrupted. Returns the ids resumed.
 */
export async function resumeStaleEvaluations(db: Db, runner: Runner): Promise<string[]> {
  const claimed = await db.sql.query<{
    id: string;
    versionId: string;
    datasetId: string;
    settings: { depth?: number; collection?: string };
    perQuery: QueryResult[];
    error: string | null;
    inFlight: Record<string, string>;
  }>(
    `UPDATE evaluation SET updated_at = now()
     WHERE status = 'running' AND dataset_id IS NOT NULL AND updated_at < now() - $1::interval
     RETURNING id, graph_version_id AS "versionId", dataset_id AS "datasetId", settings, per_query AS "perQuery", error, in_flight AS "inFlight"`,
    [`${STALE_AFTER_MS} milliseconds`],
  );
  for (const row of claimed) {
    try {
      const saved = await getVersion(db, row.versionId);
      // an evaluation started on another collection than the version's goes on searching that one
      const version = row.settings.collection ? { ...saved, spec: pointedAt(saved.spec, row.settings.collection, `version ${saved.number}`, 'query') } : saved;
      const dataset = await loadJudgedQueries(db, row.datasetId);
      const adopted = Object.keys(row.inFlight).length;
      log.error(`[evaluation] resuming ${row.id}: ${row.perQuery.length} of ${dataset.queries.length} queries were scored${adopted ? `, ${adopted} had runs in flight` : ''}`);
      const previous = { lines: row.perQuery, firstFailure: row.error, inFlight: row.inFlight };
      launchEvaluation(db, runner, { evaluationId: row.id, version, dataset, depth: row.settings.depth ?? 100, previous });
    } catch (error) {
      await finish(db, row.id, { status: 'failed', error: `could not resume: ${(error as Error).message}` }).catch(() => undefined);
    }
  }
  return claimed.map((row) => row.id);
}

/** How often a web process looks for evaluations to resume. */
const RESUME_EVERY_MS = 30_000;

/** Resumes stale evaluations now and every RESUME_EVERY_MS; returns the stop function. */
export function scheduleEvaluationResume(db: Db, runner: Runner): () => void {
  return repeatInBackground('evaluation resume', () => resumeStaleEvaluations(db, runner), { everyMs: RESUME_EVERY_MS });
}
