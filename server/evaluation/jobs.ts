import type { Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { evaluateVersion, finish, type VersionEvaluationJob } from './evaluate-version';

/**
 * The evaluations this process is running. A cancel aborts the local job at once (another process's
 * job notices the row's status within a second); shutting down ends each as failed, since its
 * remaining queries will not run.
 */
const active = new Map<string, AbortController>();

export function launchEvaluation(db: Db, runner: Runner, job: Omit<VersionEvaluationJob, 'signal'>): void {
  const controller = new AbortController();
  active.set(job.evaluationId, controller);
  void evaluateVersion(db, runner, { ...job, signal: controller.signal })
    .catch(async (error: unknown) => {
      console.error(`[evaluation] ${job.evaluationId} crashed:`, error);
      await finish(db, job.evaluationId, { status: 'failed', error: `the evaluation stopped: ${(error as Error).message}` }).catch(() => undefined);
    })
    .finally(() => active.delete(job.evaluationId));
}

export function abortEvaluation(evaluationId: string): void {
  active.get(evaluationId)?.abort();
}

/** Ends this process's running evaluations as failed (graceful shutdown). */
export async function stopEvaluations(db: Db): Promise<void> {
  const ids = [...active.keys()];
  for (const id of ids) active.get(id)?.abort();
  await Promise.all(ids.map((id) => finish(db, id, { status: 'failed', error: 'interrupted: the server stopped before every query ran; start the evaluation again' }).catch(() => undefined)));
}
