import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraph } from '../server/services/graphs';
import { openTestDb, type TestDb } from '../server/testing/db';
import { createRunner, type Runner } from './index';
import { chainGraph } from './testing/graphs';
import { spawnWorker, stopWorker } from './testing/modes';
import { waitForEvent } from './testing/wait-for-event';
import { startPrivateRedis, type PrivateRedis } from './testing/private-redis';

/**
 * Distributed mode when Redis restarts empty (no persistence, as a cache is usually run): a node
 * task lost mid-run is queued again and the run succeeds; a run that was waiting on the queue is
 * found in the database and queued again. Nothing is left queued or running. Runs on a Redis of its
 * own, so the restart does not touch other suites; joins when DATABASE_URL and REDIS_URL are set.
 * run-recovery.test.ts checks which runs recovery touches.
 */
describe('BullMQ when Redis restarts empty', () => {
  let db: TestDb;
  let redis: PrivateRedis;
  let runner: Runner;
  const workers: ChildProcess[] = [];
  // lost jobs are looked for every second here (every 5 s by default)
  const spawn = async (id: string) => {
    const worker = await spawnWorker(db.url!, redis.url, id, { WORKER_RECOVERY_MS: '1000' });
    workers.push(worker);
    return worker;
  };
  beforeAll(async () => {
    process.env.RAG_QUEUE_PREFIX = `restart-${randomBytes(4).toString('hex')}`;
    redis = await startPrivateRedis();
    db = await openTestDb('postgres');
    runner = await createRunner(db, { redisUrl: redis.url });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await runner?.close();
    await db?.destroy();
    redis?.stop();
  }, 60_000);

  it('queues a node task again when Redis loses it in the middle of a run', async () => {
    await spawn('worker-a');
    const graphId = (await createGraph(db, { name: 'restart mid-run' })).id;
    // the delay's own timeout is two minutes: without the requeue the run would wait that long
    const spec = chainGraph([
      { id: 'd1', type: 'util.delay', ms: 3_000 },
      { id: 'd2', type: 'util.delay', ms: 200 },
    ]);
    const { runId } = await runner.start({ graphId, graphVersionId: null, spec, input: { query: 'still here' }, source: 'test' });
    await waitForEvent(runner, runId, (e) => e.type === 'node' && e.nodeId === 'd1' && e.status === 'running');
    await new Promise((r) => setTimeout(r, 500)); // d1 is inside its delay
    await redis.restartEmpty();

    const run = await runner.wait(runId, 40_000);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ result: { text: 'still here' } });
    const d1 = await db.prisma.nodeRun.findMany({ where: { runId, nodeId: 'd1' } });
    expect(d1.map((r) => [r.attempt, r.status])).toEqual([[1, 'succeeded']]);
  }, 90_000);

  it('queues a run again that Redis lost while it waited for a worker', async () => {
    await Promise.all(workers.splice(0).map(stopWorker));
    const graphId = (await createGraph(db, { name: 'restart while queued' })).id;
    const { runId } = await runner.start({ graphId, graphVersionId: null, spec: chainGraph([{ id: 'd1', type: 'util.delay', ms: 100 }]), input: { query: 'queued' }, source: 'test' });
    expect((await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('queued');
    await redis.restartEmpty();
    await spawn('worker-b');

    // found after it has had no job and no owner for two heartbeats (10 s)
    const run = await runner.wait(runId, 45_000);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ result: { text: 'queued' } });
    expect(await db.prisma.run.count({ where: { status: { in: ['running', 'queued'] } } })).toBe(0);
  }, 90_000);
});
