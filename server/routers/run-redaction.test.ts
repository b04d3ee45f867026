import { afterEach, describe, expect, it } from 'vitest';
import { chainGraph } from '../../runners/testing/graphs';
import { createGraph } from '../services/graphs';
import { getNodeOutput } from '../services/runs';
import { dbBackends } from '../testing/db';
import { runnerSuite } from '../testing/runner-suite';

/**
 * TRACE_REDACT through the editor's views of a run: its input, output, node previews and full node
 * outputs hide personal data and the named fields, while the run itself (what API callers get) keeps them.
 */
describe.each(dbBackends())('run views with TRACE_REDACT on %s', (backend) => {
  const suite = runnerSuite(backend);
  const saved = process.env.TRACE_REDACT;
  afterEach(() => {
    if (saved === undefined) delete process.env.TRACE_REDACT;
    else process.env.TRACE_REDACT = saved;
  });

  it('hides an e-mail address and a named field from the run page, not from the run', async () => {
    process.env.TRACE_REDACT = 'pii,ticket';
    const graphId = (await createGraph(suite.db, { name: 'redacted echo', spec: chainGraph([{ id: 'p', type: 'util.passthrough' }]) })).id;
    const { runId } = await suite.caller.run.start({ graphId, input: { query: 'write to ana@example.org', ticket: 'T-1234' } });
    const finished = await suite.runner.wait(runId, 60_000);
    expect(finished.status).toBe('succeeded');
    expect(JSON.stringify(finished.output)).toContain('ana@example.org'); // the caller's answer is whole

    const shown = await suite.caller.run.byId({ id: runId });
    expect(shown.input).toEqual({ query: 'write to [EMAIL]', ticket: '[redacted]' });
    expect(JSON.stringify(shown)).not.toContain('ana@example.org');
    expect(JSON.stringify(shown.nodeRuns.map((n) => [n.inputPreview, n.outputPreview]))).toContain('[EMAIL]');
    const full = await suite.caller.run.nodeOutput({ runId, nodeId: 'in' });
    expect(JSON.stringify(full)).toContain('write to [EMAIL]');
    expect(JSON.stringify(full)).not.toContain('ana@example.org');

    // an output cut to fit is redacted before the cut, so the cut cannot fall inside an address
    const raw = JSON.stringify((await suite.db.prisma.runArtifact.findUniqueOrThrow({ where: { runId_nodeId: { runId, nodeId: 'in' } } })).data);
    const cut = await getNodeOutput(suite.db, runId, 'in', raw.indexOf('ana@example.org') + 'ana@exa'.length);
    expect(cut.truncated).toBe(true);
    expect(cut.data as string).not.toContain('ana@');

    delete process.env.TRACE_REDACT; // the setting applies to what is shown from then on
    expect((await suite.caller.run.byId({ id: runId })).input).toEqual({ query: 'write to ana@example.org', ticket: 'T-1234' });
  }, 60_000);
});
