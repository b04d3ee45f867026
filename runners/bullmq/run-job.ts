import type { Queue } from 'bullmq';

/**
 * Puts a run on the run queue. The job is known by the run's id, so adding a run that is already
 * queued adds nothing: the server enqueueing it and a worker recovering it can never run it twice.
 */
export async function addRunJob(runs: Queue, runId: string): Promise<void> {
  await runs.add('run', { runId }, { jobId: runId, removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } });
}
