import type { Queue } from 'bullmq';
import type { Db } from '../../server/db/client';
import { HEARTBEAT_MS, runsOrchestratedByLiveWorkers } from '../workers';
import { log } from '../../server/log';

/**
 * Queues again the runs Redis lost, and ends the runs whose job ended without them. Redis without
 * persistence (the usual cache setup, and a restart or failover of one) forgets every job: a queued
 * run would then wait forever and a running one whose worker died with it would stay "running".
 * Every worker checks, every `intervalMs`, the runs the database calls queued or running against
 * the run queue; a run that no live worker orchestrates and that
 * - has no job there is put back on the queue under its own id (so two workers doing this at once
 *   add it once), and its orchestration resumes from the stored node outputs;
 * - has a job that failed (its workers kept dying: BullMQ gives up after `maxStalledCount`) or
 *   completed without finishing it is failed with the reason, instead of staying "running".
 *
 * Workers publish the runs they orchestrate with their heartbeat, so a run must be seen without an
 * owner for longer than two heartbeats before it counts as lost: a live worker that started it just
 * before Redis went away has said so by then.
 */
export interface RunRecoveryOptions {
  db: Db;
  runs: Queue;
  /** runs this process orchestrates now (known before its next heartbeat says so) */
  localRuns: () => Iterable<string>;
  requeue: (runId: string) => Promise<void>;
  /** ends a run whose job is over (`reason` says why) */
  fail: (runId: string, reason: string) => Promise<void>;
  intervalMs: number;
}

const OWNERLESS_FOR_MS = 2 * HEARTBEAT_MS;
/** runs checked per pass; a backlog larger than this is checked oldest first over several passes */
const PASS_LIMIT = 500;

export function startRunRecovery(options: RunRecoveryOptions): { stop(): Promise<void> } {
  const { db, runs } = options;
  /** run id → when it was first seen with no job and no owner */
  let ownerlessSince = new Map<string, number>();

  const pass = async () => {
    const unfinished = await db.prisma.run.findMany({
      where: { status: { in: ['queued', 'running'] } },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
      take: PASS_LIMIT,
    });
    const owned = await runsOrchestratedByLiveWorkers(db);
    for (const runId of options.localRuns()) owned.add(runId);
    const candidates = unfinished.map((r) => r.id).filter((id) => !owned.has(id));
    // one round trip's wait for all of them, not one per run: a backlog holds hundreds of queued runs
    const states = await Promise.all(candidates.map((id) => runs.getJobState(id)));
    const now = Date.now();
    const stillOwnerless = new Map<string, number>();
    for (const [k, id] of candidates.entries()) {
      const state = states[k];
      if (state !== 'unknown' && state !== 'failed' && state !== 'completed') continue;
      const since = ownerlessSince.get(id) ?? now;
      if (now - since < OWNERLESS_FOR_MS) {
        stillOwnerless.set(id, since);
        continue;
      }
      if (state === 'unknown') {
        await options.requeue(id);
        log.error(`[worker] run ${id} was in the database but not on the queue (did Redis restart without persistence?): queued it again`);
      } else {
        const job = await runs.getJob(id);
        await options.fail(id, state === 'failed' ? `its queue job failed: ${job?.failedReason || 'no reason given'}` : 'its queue job ended without finishing it');
      }
    }
    ownerlessSince = stillOwnerless;
  };

  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    // one pass at a time; a pass that fails (Redis or the database away) is simply tried again
    running = running.then(pass).catch(() => undefined);
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
