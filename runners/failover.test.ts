import { describe, expect, it } from 'vitest';
import { createGraph } from '../server/services/graphs';
import { createRunner } from './index';
import { chainGraph } from './testing/graphs';
import { waitForEvent } from './testing/wait-for-event';
import { useWorkerProcesses } from './testing/worker-processes';

/**
 * Distributed mode under failure: a worker SIGKILLed in the middle of a run loses nothing, and a
 * Redis that is gone refuses runs at once with a clear error. Runs when DATABASE_URL and REDIS_URL
 * are both set (vitest.config.ts leaves the file out otherwise).
 */
describe('BullMQ failover', () => {
  const cluster = useWorkerProcesses('failover');

  it('finishes a run on the surviving worker when the one running it is killed', async () => {
    const { db, runner } = cluster;
    const first = await cluster.spawn('worker-a');
    const graphId = (await createGraph(db, { name: 'failover' })).id;
    const spec = chainGraph([
      { id: 'd1', type: 'util.delay', ms: 8_000 }, // outlasts worker-b's start-up
      { id: 'd2', type: 'util.delay', ms: 1_000 },
    ]);
    const { runId } = await runner.start({ graphId, graphVersionId: null, spec, input: { query: 'survive' }, source: 'test' });
    await waitForEvent(runner, runId, (e) => e.type === 'node' && e.nodeId === 'd1' && e.status === 'running');
    await cluster.spawn('worker-b');
    await new Promise((r) => setTimeout(r, 500)); // d1 is now inside worker-a's delay
    first.kill('SIGKILL');

    const run = await runner.wait(runId, 90_000);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ result: { text: 'survive' } });
    const rows = await db.prisma.nodeRun.findMany({ where: { runId, status: 'succeeded' } });
    expect(rows.find((r) => r.nodeId === 'd1')?.worker).toBe('worker-b');
    expect(rows.find((r) => r.nodeId === 'd2')?.worker).toBe('worker-b');
    expect(await db.prisma.run.count({ where: { status: { in: ['running', 'queued'] } } })).toBe(0);
  }, 120_000);

  it('refuses to start a run at once, with a clear error, when Redis is gone', async () => {
    const { db } = cluster;
    const gone = await createRunner(db, { redisUrl: 'redis://127.0.0.1:6390' });
    try {
      const graphId = (await createGraph(db, { name: 'no-redis' })).id;
      const started = Date.now();
      const error = await gone
        .start({ graphId, graphVersionId: null, spec: chainGraph([]), input: { query: 'q' }, source: 'test' })
        .then(() => null, (e: unknown) => e as Error & { code?: string; details?: { runId?: string } });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(error?.code).toBe('UNAVAILABLE');
      expect(error?.message).toMatch(/Redis at redis:\/\/127\.0\.0\.1:6390\/? is unreachable|did not answer/);
      const run = await db.prisma.run.findUniqueOrThrow({ where: { id: error!.details!.runId! } });
      expect(run.status).toBe('failed');
    } finally {
      await gone.close();
    }
  }, 30_000);
});
