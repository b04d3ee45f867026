import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraph } from '../server/services/graphs';
import { openTestDb, type TestDb } from '../server/testing/db';
import { queuePrefix, RUN_QUEUE } from './bullmq/connection';
import { addRunJob } from './bullmq/run-job';
import { startRunRecovery } from './bullmq/run-recovery';

/**
 * Which runs recovery touches, on real Postgres and Redis: among runs the database calls queued or
 * running, it queues again those the run queue does not know, fails those whose job failed, and
 * leaves alone those with a live job or a live worker that claims them. Joins when DATABASE_URL and
 * REDIS_URL are set.
 */
describe('run recovery', () => {
  const connection = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
  let db: TestDb;
  let runs: Queue;
  let graphId: string;
  let failed: Map<string, string>;
  beforeAll(async () => {
    process.env.RAG_QUEUE_PREFIX = `recovery-${randomBytes(4).toString('hex')}`;
    db = await openTestDb('postgres');
    runs = new Queue(RUN_QUEUE, { connection, prefix: queuePrefix() });
    graphId = (await createGraph(db, { name: 'recovery' })).id;
  }, 60_000);
  afterAll(async () => {
    await runs?.obliterate({ force: true });
    await runs?.close();
    await db?.destroy();
  }, 60_000);
  beforeEach(() => {
    failed = new Map();
  });

  const createRun = async (status: 'queued' | 'running') =>
    (await db.prisma.run.create({ data: { graphId, status, specHash: 'test', input: {} }, select: { id: true } })).id;

  /** runs recovery every 300 ms until `done` passes (at most 20 s), then stops it */
  const recoverUntil = async (done: () => Promise<boolean>) => {
    const recovery = startRunRecovery({
      db,
      runs,
      localRuns: () => [],
      requeue: (runId) => addRunJob(runs, runId),
      fail: async (runId, reason) => void failed.set(runId, reason),
      intervalMs: 300,
    });
    try {
      await expect.poll(done, { timeout: 20_000, interval: 300 }).toBe(true);
    } finally {
      await recovery.stop();
    }
  };

  it('queues again a run the queue lost, but not one a live worker claims', async () => {
    const [lost, claimed] = [await createRun('queued'), await createRun('running')];
    const beat = () => db.prisma.worker.upsert({
      where: { id: 'busy-worker' },
      create: { id: 'busy-worker', devices: [], orchestrating: [claimed], heartbeatAt: new Date() },
      update: { heartbeatAt: new Date() },
    });
    await beat();
    const heartbeat = setInterval(() => void beat(), 1_000);
    try {
      await recoverUntil(async () => (await runs.getJobState(lost)) === 'waiting');
      expect(await runs.getJobState(claimed)).toBe('unknown');
      expect(failed.size).toBe(0);
    } finally {
      clearInterval(heartbeat);
      await db.prisma.worker.delete({ where: { id: 'busy-worker' } });
      await db.prisma.run.updateMany({ where: { id: { in: [lost, claimed] } }, data: { status: 'cancelled' } });
    }
  }, 60_000);

  it('fails a run whose job failed, with the reason, and leaves a run with a waiting job alone', async () => {
    const [poisoned, waiting] = [await createRun('running'), await createRun('queued')];
    await addRunJob(runs, poisoned);
    const worker = new Worker(RUN_QUEUE, async () => {
      throw new Error('the orchestrating worker kept crashing');
    }, { connection, prefix: queuePrefix() });
    await expect.poll(() => runs.getJobState(poisoned), { timeout: 10_000 }).toBe('failed');
    await worker.close();
    await addRunJob(runs, waiting);
    try {
      await recoverUntil(async () => failed.has(poisoned));
      expect(failed.get(poisoned)).toBe('its queue job failed: the orchestrating worker kept crashing');
      expect(failed.has(waiting)).toBe(false);
      expect(await runs.getJobState(waiting)).toBe('waiting');
    } finally {
      await db.prisma.run.updateMany({ where: { id: { in: [poisoned, waiting] } }, data: { status: 'cancelled' } });
    }
  }, 60_000);
});
