import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGraph } from '../server/services/graphs';
import { getNodeOutput } from '../server/services/runs';
import { dbBackends, openTestDb, type TestDb } from '../server/testing/db';
import type { RunEvent } from './events';
import type { StartRunRequest } from './index';
import { chainGraph, parallelGraph } from './testing/graphs';
import { modeMatrix, openMode, type ModeHandle } from './testing/modes';
import { waitForEvent } from './testing/wait-for-event';
import type { GraphSpec } from '../nodes/core/spec';
import { specEdge, specNode } from '../nodes/testing/spec-builders';
import { catalog } from '../nodes/catalog';
import { specUpTo } from '../nodes/core/spec-up-to';
import { htmlPage, startTestSite } from '../nodes/testing/web-site';

/**
 * Run semantics, one suite for every mode and database: in-process on PGlite and Postgres, and
 * through BullMQ with a worker process when Redis is there.
 */
process.env.RAG_QUEUE_PREFIX = `test-${randomBytes(4).toString('hex')}`;

describe.each(modeMatrix(dbBackends()))('runs on %s, %s', (backend, mode) => {
  let db: TestDb;
  let handle: ModeHandle;
  let graphId: string;

  beforeAll(async () => {
    db = await openTestDb(backend);
    handle = await openMode(mode, db, db.url);
    graphId = (await createGraph(db, { name: 'conformance' })).id;
  }, 90_000);
  afterAll(async () => {
    await handle?.close();
    await db?.destroy();
  }, 60_000);

  const start = (spec: GraphSpec, input: Record<string, unknown> = { query: 'hello' }) =>
    handle.runner.start({ graphId, graphVersionId: null, spec, input, source: 'test' } satisfies StartRunRequest);

  it('runs a chain and returns the exit node output', async () => {
    const { runId } = await start(chainGraph([{ id: 'a', type: 'util.passthrough' }, { id: 'b', type: 'util.passthrough' }]), { query: 'what is up' });
    const run = await handle.runner.wait(runId, 60_000);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ result: { text: 'what is up' } });
  });

  it('runs part of a graph up to one node and returns what that node gave', async () => {
    const part = specUpTo(chainGraph([{ id: 'a', type: 'util.passthrough' }, { id: 'b', type: 'util.passthrough' }]), catalog, 'a');
    if ('error' in part) throw new Error(part.error);
    const { runId } = await start(part.spec, { query: 'only so far' });
    const run = await handle.runner.wait(runId, 60_000);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ value: { text: 'only so far' } });
    expect((await db.prisma.nodeRun.findMany({ where: { runId } })).map((r) => r.nodeId).sort()).toEqual(['a', 'in', 'up-to.value']);
  });

  it('records one NodeRun per node with device, worker, batch size and timings', async () => {
    const { runId } = await start(chainGraph([{ id: 'a', type: 'util.passthrough' }]));
    await handle.runner.wait(runId, 60_000);
    const rows = await db.prisma.nodeRun.findMany({ where: { runId } });
    expect(rows.map((r) => r.nodeId).sort()).toEqual(['a', 'in', 'out']);
    for (const row of rows) {
      expect(row.status).toBe('succeeded');
      expect(row.device).toBe('cpu');
      expect(row.worker).toMatch(mode === 'bullmq' ? /^test-worker-/ : /^in-process@/);
      expect(row.batchSize).toBe(1);
      expect(row.startedAt!.getTime()).toBeLessThanOrEqual(row.finishedAt!.getTime());
      expect(row.outputPreview === null || typeof row.outputPreview === 'object').toBe(true);
    }
    const artifact = await db.prisma.runArtifact.findUnique({ where: { runId_nodeId: { runId, nodeId: 'a' } } });
    expect(artifact?.data).toMatchObject({ outputs: { value: { text: 'hello' } } });
    // an input that is an upstream output points at it; its preview is on that node's row
    expect(rows.find((r) => r.nodeId === 'out')!.inputPreview).toEqual({ value: [{ $output: { node: 'a', port: 'value' } }] });
    expect(rows.find((r) => r.nodeId === 'a')!.outputPreview).toMatchObject({ value: { text: 'hello' } });
  });

  it('runs independent branches at the same time', async () => {
    const { runId } = await start(parallelGraph(400));
    const run = await handle.runner.wait(runId, 60_000);
    expect(run.status).toBe('succeeded');
    expect(run.output?.result).toHaveLength(2);
    const [a, b] = await Promise.all(['a', 'b'].map((nodeId) => db.prisma.nodeRun.findFirstOrThrow({ where: { runId, nodeId } })));
    expect(a!.startedAt!.getTime()).toBeLessThan(b!.finishedAt!.getTime());
    expect(b!.startedAt!.getTime()).toBeLessThan(a!.finishedAt!.getTime());
  });

  it('fails a node that hangs with a timeout at the configured time', async () => {
    const { runId } = await start(chainGraph([{ id: 'slow', type: 'util.delay', ms: 60_000, timeoutMs: 500 }]));
    const run = await handle.runner.wait(runId, 30_000);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'TIMEOUT', nodeId: 'slow' });
    expect(run.error?.message).toContain('did not finish within 500 ms');
    const row = await db.prisma.nodeRun.findFirstOrThrow({ where: { runId, nodeId: 'slow' } });
    const took = row.finishedAt!.getTime() - row.startedAt!.getTime();
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(5_000);
    expect(await db.prisma.run.count({ where: { id: runId, status: 'running' } })).toBe(0);
  });

  it('cancels a running run', async () => {
    const { runId } = await start(chainGraph([{ id: 'slow', type: 'util.delay', ms: 30_000 }]));
    await waitForEvent(handle.runner, runId, (e) => e.type === 'node' && e.nodeId === 'slow' && e.status === 'running');
    await handle.runner.cancel(runId);
    const run = await handle.runner.wait(runId, 20_000);
    expect(run.status).toBe('cancelled');
  });

  it('ends runs cancelled at any moment of their life, and goes on running others', async () => {
    // thirty runs of ten 5 ms steps, each cancelled a little later than the one before: the cancels
    // land before a run starts, between tasks, while a task is being queued, and while one runs
    const spec = chainGraph(Array.from({ length: 10 }, (_, i) => ({ id: `step${i}`, type: 'util.delay' as const, ms: 5 })));
    const runs = await Promise.all(Array.from({ length: 30 }, () => start(spec)));
    await Promise.all(runs.map(async ({ runId }, i) => {
      await new Promise((r) => setTimeout(r, i * 3));
      await handle.runner.cancel(runId);
    }));
    const ended = await Promise.all(runs.map(({ runId }) => handle.runner.wait(runId, 30_000)));
    expect(ended.every((run) => run.status === 'cancelled' || run.status === 'succeeded')).toBe(true);
    expect(ended.some((run) => run.status === 'cancelled')).toBe(true);
    // the executors are still there for the next run
    const next = await start(spec);
    expect((await handle.runner.wait(next.runId, 30_000)).status).toBe('succeeded');
  }, 90_000);

  it('streams node events to subscribers and replays them to late ones', async () => {
    const events: RunEvent[] = [];
    const { runId } = await start(chainGraph([{ id: 'a', type: 'util.delay', ms: 200 }]));
    const unsubscribe = handle.runner.subscribe(runId, (e) => events.push(e));
    await handle.runner.wait(runId, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    unsubscribe();
    expect(events.some((e) => e.type === 'node' && e.nodeId === 'a' && e.status === 'succeeded')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'run', status: 'succeeded' });
    const late: RunEvent[] = [];
    const stop = handle.runner.subscribe(runId, (e) => late.push(e));
    await new Promise((r) => setTimeout(r, 300));
    stop();
    expect(late.filter((e) => e.type === 'node').map((e) => (e as { nodeId: string }).nodeId).sort()).toEqual(['a', 'in', 'out']);
    expect(late.at(-1)).toMatchObject({ type: 'run', status: 'succeeded' });
  });

  it('tells a subscriber who arrives mid-run which nodes are running', async () => {
    const { runId } = await start(chainGraph([{ id: 'slow', type: 'util.delay', ms: 1_500 }]));
    await waitForEvent(handle.runner, runId, (e) => e.type === 'node' && e.nodeId === 'slow' && e.status === 'running');
    const late: RunEvent[] = [];
    const stop = handle.runner.subscribe(runId, (e) => late.push(e));
    await vi.waitFor(() => expect(late.some((e) => e.type === 'run')).toBe(true));
    expect(late).toContainEqual(expect.objectContaining({ type: 'node', nodeId: 'slow', status: 'running' }));
    expect(late).toContainEqual(expect.objectContaining({ type: 'run', status: 'running' }));
    stop();
    await handle.runner.wait(runId, 30_000);
  });

  it('says at once that a run does not exist, instead of waiting for it to end', async () => {
    // a wait that ran out would reject too, but UNAVAILABLE ("did not finish within …")
    await expect(handle.runner.wait('00000000-0000-4000-8000-000000000000', 30_000)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('does not exist') });
  });

  it('refuses input that does not fit the graph before creating a run', async () => {
    await expect(start(chainGraph([]), { query: '' })).rejects.toThrow(/query/);
    await expect(start({ schemaVersion: 1, nodes: [], edges: [] } as GraphSpec)).rejects.toThrow();
  });

  it('resumes a run from the outputs its nodes already stored', async () => {
    const spec = chainGraph([{ id: 'a', type: 'util.passthrough' }, { id: 'b', type: 'util.passthrough' }]);
    // a run a stopped process left behind: `in` and `a` finished (a with a recognisable output)
    const run = await db.prisma.run.create({ data: { graphId, spec: spec as never, specHash: 'x', input: { query: 'fresh' }, source: 'test', status: 'running' } });
    await db.prisma.runArtifact.createMany({
      data: [
        { runId: run.id, nodeId: 'in', data: { outputs: { query: { text: 'fresh' } }, runOutput: {} }, sizeBytes: 10 },
        { runId: run.id, nodeId: 'a', data: { outputs: { value: { text: 'from before the crash' } }, runOutput: {} }, sizeBytes: 10 },
      ],
    });
    if (mode === 'in-process') {
      // what `createRunner` does at start for runs left unfinished
      const { createRunner } = await import('./index');
      const restarted = await createRunner(db, { resume: true });
      await restarted.wait(run.id, 60_000);
      await restarted.close();
    } else {
      const { createDistributedClient } = await import('./bullmq/client');
      const client = await createDistributedClient(db, process.env.REDIS_URL!);
      await client.enqueueRun(run.id);
      await client.close();
    }
    const finished = await handle.runner.wait(run.id, 60_000);
    expect(finished.output).toEqual({ result: { text: 'from before the crash' } });
    const ran = (await db.prisma.nodeRun.findMany({ where: { runId: run.id, status: 'succeeded' } })).map((r) => r.nodeId).sort();
    expect(ran).toEqual(['b', 'out']);
  });

  it("stores an exit node's output once, in the run output, and a failed run's exit output in full", async () => {
    const artifactOf = async (runId: string, nodeId: string) => (await db.prisma.runArtifact.findUnique({ where: { runId_nodeId: { runId, nodeId } } }))?.data;
    const ok = await start(chainGraph([{ id: 'a', type: 'util.passthrough' }]), { query: 'kept once' });
    const done = await handle.runner.wait(ok.runId, 60_000);
    expect(await artifactOf(ok.runId, 'out')).toEqual({ outputs: {}, runOutput: {}, runOutputFields: ['result'] });
    // what the editor's "Show full output" gets is the whole of it all the same
    expect((await getNodeOutput(db, ok.runId, 'out')).data).toEqual({ outputs: {}, runOutput: done.output });

    const halfFailing = {
      schemaVersion: 1,
      nodes: [specNode('in', 'io.query-input'), specNode('early', 'io.result-output', { field: 'early' }), specNode('slow', 'util.delay', { ms: 60_000, timeoutMs: 300 }), specNode('late', 'io.result-output', { field: 'late' })],
      edges: [specEdge('in', 'query', 'early', 'value'), specEdge('in', 'query', 'slow', 'value'), specEdge('slow', 'value', 'late', 'value')],
    } as GraphSpec;
    const failed = await start(halfFailing, { query: 'no run output' });
    expect((await handle.runner.wait(failed.runId, 30_000)).status).toBe('failed');
    expect(await artifactOf(failed.runId, 'early')).toEqual({ outputs: {}, runOutput: { early: { text: 'no run output' } } });
  });

  it('loads web pages through a Web pages entry, wherever the node runs, rendering JavaScript there', async () => {
    const site = await startTestSite({
      '/kb/': { body: htmlPage('KB', 'index', ['one']) },
      // the article's text exists only once its script has run (in a browser the worker starts)
      '/kb/one': { body: `<!doctype html><html><body><p id="text"></p><script>document.getElementById('text').textContent = 'the first ' + 'article';</script></body></html>` },
    });
    try {
      const spec = {
        schemaVersion: 1,
        nodes: [specNode('pages', 'io.web-input', { crawlDepth: 1, allowPrivateNetwork: true, renderJavaScript: true }), specNode('out', 'io.result-output', { field: 'pages' }), specNode('failed', 'io.result-output', { field: 'unloaded' }), specNode('gone', 'io.result-output', { field: 'gone' })],
        edges: [specEdge('pages', 'files', 'out', 'value'), specEdge('pages', 'failures', 'failed', 'value'), specEdge('pages', 'gone', 'gone', 'value')],
      } as GraphSpec;
      // a page the last load had, deleted from the site since: checked, and reported gone
      const { runId } = await start(spec, { urls: [`${site.url}/kb/`], known: [`${site.url}/kb/retired`] });
      const run = await handle.runner.wait(runId, 60_000);
      expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
      const output = run.output as { pages: { name: string; contentBase64: string }[]; unloaded: { count: number }; gone: string[] };
      expect(output.gone).toEqual([`${site.url}/kb/retired`]);
      expect(output.pages.map((p) => p.name).sort()).toEqual([`${site.url}/kb/`, `${site.url}/kb/one`]);
      expect(Buffer.from(output.pages.find((p) => p.name.endsWith('/one'))!.contentBase64, 'base64').toString()).toContain('<p id="text">the first article</p>');
      expect(output.unloaded.count).toBe(0);
    } finally {
      await site.close();
    }
  });
});
