import { describe, expect, it } from 'vitest';
import { specHash } from '../../nodes/core/spec-hash';
import { chainGraph } from '../../runners/testing/graphs';
import { createGraph, saveDraft } from '../services/graphs';
import { saveVersion } from '../services/versions';
import { dbBackends } from '../testing/db';
import { runnerSuite } from '../testing/runner-suite';

/** "Run again" on a run's page: its stored input, on what it ran or on the graph's current draft. */
describe.each(dbBackends())('running a run again, or up to one node, on %s', (backend) => {
  const suite = runnerSuite(backend);

  const storedRun = (id: string) => suite.db.prisma.run.findUniqueOrThrow({ where: { id } });

  it('runs a version\'s run again on that version with the input as stored, which the run page shows redacted', async () => {
    const graph = await createGraph(suite.db, { name: 'rerun version', spec: chainGraph([{ id: 'p', type: 'util.passthrough' }]) });
    const v1 = await saveVersion(suite.db, { graphId: graph.id, baseVersionId: null });
    await saveDraft(suite.db, { id: graph.id, spec: chainGraph([{ id: 'p', type: 'util.passthrough' }, { id: 'q', type: 'util.passthrough' }]) });
    const input = { query: 'write to ana@example.org', ticket: 'T-1234' };
    const { runId: first } = await suite.caller.run.start({ graphId: graph.id, versionId: v1.id, input });
    expect((await suite.runner.wait(first, 60_000)).status).toBe('succeeded');

    const saved = process.env.TRACE_REDACT;
    process.env.TRACE_REDACT = 'pii,ticket';
    try {
      expect((await suite.caller.run.byId({ id: first })).input).toEqual({ query: 'write to [EMAIL]', ticket: '[redacted]' });
      const { runId: again } = await suite.caller.run.rerun({ id: first });
      expect(again).not.toBe(first);
      expect((await suite.runner.wait(again, 60_000)).status).toBe('succeeded');
      const run = await storedRun(again);
      expect(run).toMatchObject({ graphVersionId: v1.id, source: 'editor', input });
      expect(run.output).toEqual((await storedRun(first)).output);
    } finally {
      if (saved === undefined) delete process.env.TRACE_REDACT;
      else process.env.TRACE_REDACT = saved;
    }
  }, 60_000);

  it('runs a draft run again on the draft as it ran, or on the draft as it is now', async () => {
    const before = chainGraph([{ id: 'p', type: 'util.passthrough' }]);
    const graph = await createGraph(suite.db, { name: 'rerun draft', spec: before });
    const { runId: first } = await suite.caller.run.start({ graphId: graph.id, input: { query: 'hello' } });
    await suite.runner.wait(first, 60_000);
    const after = chainGraph([{ id: 'p', type: 'util.passthrough' }, { id: 'q', type: 'util.passthrough' }]);
    await saveDraft(suite.db, { id: graph.id, spec: after });

    const { runId: same } = await suite.caller.run.rerun({ id: first, on: 'same' });
    const { runId: onDraft } = await suite.caller.run.rerun({ id: first, on: 'draft' });
    for (const id of [same, onDraft]) expect((await suite.runner.wait(id, 60_000)).status).toBe('succeeded');
    expect((await storedRun(same)).specHash).toBe(specHash(before));
    expect((await storedRun(onDraft)).specHash).toBe(specHash(after));
    const nodesOf = async (id: string) => (await suite.caller.run.byId({ id })).nodeRuns.map((n) => n.nodeId).sort();
    expect(await nodesOf(same)).toEqual(['in', 'out', 'p']);
    expect(await nodesOf(onDraft)).toEqual(['in', 'out', 'p', 'q']);
    expect((await storedRun(onDraft)).input).toEqual({ query: 'hello' });
  }, 60_000);

  it('refuses a run that does not exist', async () => {
    await expect(suite.caller.run.rerun({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('runs up to one node: only it and what feeds it, returning its outputs; run again, the same part runs', async () => {
    const graph = await createGraph(suite.db, { name: 'up to p', spec: chainGraph([{ id: 'p', type: 'util.passthrough' }, { id: 'q', type: 'util.passthrough' }]) });
    const v1 = await saveVersion(suite.db, { graphId: graph.id, baseVersionId: null });
    const { runId } = await suite.caller.run.start({ graphId: graph.id, versionId: v1.id, input: { query: 'hello' }, upTo: 'p' });
    const finished = await suite.runner.wait(runId, 60_000);
    expect(finished.status).toBe('succeeded');
    expect(Object.keys(finished.output!)).toEqual(['value']);
    const nodesOf = async (id: string) => (await suite.caller.run.byId({ id })).nodeRuns.map((n) => n.nodeId).sort();
    expect(await nodesOf(runId)).toEqual(['in', 'p', 'up-to.value']);
    const shown = await suite.caller.run.byId({ id: runId });
    expect(shown.versionNumber).toBe(1);
    expect(shown.spec!.nodes.map((n) => n.id)).toEqual(['in', 'p', 'up-to.value']); // the part that ran, not all of v1

    const { runId: again } = await suite.caller.run.rerun({ id: runId });
    await suite.runner.wait(again, 60_000);
    expect(await nodesOf(again)).toEqual(['in', 'p', 'up-to.value']);
    expect((await storedRun(again)).graphVersionId).toBe(v1.id);

    // the part that would run is checked like any graph: a bad setting upstream is named
    const broken = chainGraph([{ id: 'wait', type: 'util.delay', ms: 10 }, { id: 'p', type: 'util.passthrough' }]);
    broken.nodes.find((n) => n.id === 'wait')!.config = { ms: -5 };
    await saveDraft(suite.db, { id: graph.id, spec: broken });
    const refused = await suite.caller.run.start({ graphId: graph.id, input: { query: 'hello' }, upTo: 'p' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
    expect((refused as Error).message).toContain('wait');
    await expect(suite.caller.run.start({ graphId: graph.id, input: { query: 'hello' }, upTo: 'ghost' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'cannot run up to "ghost": the graph has no node "ghost"',
    });
  }, 60_000);
});
