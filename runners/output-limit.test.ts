import { describe, expect, it } from 'vitest';
import { createGraph } from '../server/services/graphs';
import { chainGraph } from './testing/graphs';
import { useWorkerProcesses } from './testing/worker-processes';

/**
 * Between queue workers a node's output travels through the database: one past the workers' limit
 * (128 MB; 5 KB here) fails its node at once with TOO_LARGE naming the fix, instead of holding the
 * worker while its job locks lapse. Runs when DATABASE_URL and REDIS_URL are both set
 * (vitest.config.ts leaves the file out otherwise).
 */
describe('BullMQ output limit', () => {
  const cluster = useWorkerProcesses('output-limit');

  it('fails a node whose output is over the limit, naming the node and the fix, and runs smaller outputs', async () => {
    const { db, runner } = cluster;
    await cluster.spawn('worker-small', { WORKER_MAX_OUTPUT_MB: String(5 / 1024) });
    const graphId = (await createGraph(db, { name: 'output-limit' })).id;
    const spec = chainGraph([{ id: 'pass', type: 'util.passthrough' }]);

    const small = await runner.start({ graphId, graphVersionId: null, spec, input: { query: 'short' }, source: 'test' });
    expect((await runner.wait(small.runId, 60_000)).status).toBe('succeeded');

    const { runId } = await runner.start({ graphId, graphVersionId: null, spec, input: { query: 'word '.repeat(1_800) }, source: 'test' });
    const run = await runner.wait(runId, 60_000);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'TOO_LARGE', nodeId: 'in', message: expect.stringContaining('the output of node "in" is over 0.0048828125 MB') });
    expect(run.error?.message).toMatch(/smaller uploads, or run without REDIS_URL/);
    const rows = await db.prisma.nodeRun.findMany({ where: { runId, nodeId: 'in' } });
    expect(rows.map((r) => [r.status, r.attempt])).toEqual([['failed', 1]]); // not retried: another try cannot help
  }, 120_000);
});
