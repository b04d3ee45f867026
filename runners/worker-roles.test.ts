import { describe, expect, it } from 'vitest';
import { createGraph } from '../server/services/graphs';
import { chainGraph } from './testing/graphs';
import { useWorkerProcesses } from './testing/worker-processes';
import { listWorkers } from './workers';

/**
 * Orchestration and execution in processes of their own (WORKER_ROLES), as the design separates
 * them: one worker only walks runs, another only runs node tasks, and a run needs both. Runs when
 * DATABASE_URL and REDIS_URL are both set (vitest.config.ts leaves the file out otherwise).
 */
describe('BullMQ workers with one role each', () => {
  const cluster = useWorkerProcesses('roles');

  it('runs a graph with an orchestrator-only worker and an executor-only worker, its nodes on the executor', async () => {
    const { db, runner } = cluster;
    await cluster.spawn('orchestrator-only', { WORKER_ROLES: 'orchestrator' });
    const graphId = (await createGraph(db, { name: 'roles' })).id;
    const spec = chainGraph([{ id: 'd1', type: 'util.delay', ms: 50 }]);
    const { runId } = await runner.start({ graphId, graphVersionId: null, spec, input: { query: 'split' }, source: 'test' });
    // the orchestrator takes the run, but nothing executes its nodes until an executor starts
    await expect.poll(async () => (await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).status, { timeout: 20_000 }).toBe('running');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await db.prisma.nodeRun.count({ where: { runId, status: 'succeeded' } })).toBe(0);

    await cluster.spawn('executor-only', { WORKER_ROLES: 'executor' });
    const run = await runner.wait(runId, 60_000);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ result: { text: 'split' } });
    const rows = await db.prisma.nodeRun.findMany({ where: { runId, status: 'succeeded' } });
    expect(rows.length).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => r.worker))).toEqual(new Set(['executor-only']));

    const listed = await listWorkers(db);
    expect(listed.find((w) => w.id === 'orchestrator-only')).toMatchObject({ roles: ['orchestrator'], devices: [] });
    expect(listed.find((w) => w.id === 'executor-only')).toMatchObject({ roles: ['executor'], devices: [{ id: 'cpu' }] });
  }, 120_000);
});
