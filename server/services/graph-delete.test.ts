import { describe, expect, it } from 'vitest';
import type { GraphSpec } from '../../nodes/core/spec';
import { dbBackends } from '../testing/db';
import { runnerSuite } from '../testing/runner-suite';

/** A graph goes with its runs, but never while one of them is still queued or running. */
const slowSpec: GraphSpec = {
  schemaVersion: 1,
  nodes: [
    { id: 'in', type: 'io.query-input', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
    { id: 'wait', type: 'util.delay', typeVersion: 1, config: { ms: 60_000 }, position: { x: 200, y: 0 } },
    { id: 'out', type: 'io.result-output', typeVersion: 1, config: {}, position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'e1', from: { node: 'in', port: 'query' }, to: { node: 'wait', port: 'value' } },
    { id: 'e2', from: { node: 'wait', port: 'value' }, to: { node: 'out', port: 'value' } },
  ],
};

describe.each(dbBackends())('deleting a graph on %s', (backend) => {
  const suite = runnerSuite(backend);

  it('is refused with 409 while a run of it is going, then deletes the graph and its finished runs', async () => {
    const graph = await suite.caller.graph.create({ name: 'slow', spec: slowSpec });
    const { runId } = await suite.caller.run.start({ graphId: graph.id, input: { query: 'hold on' } });
    const refused = await suite.caller.graph.delete({ id: graph.id }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: '1 run of this graph is still queued or running: cancel it under Runs, or wait, then delete the graph' });
    expect((await suite.caller.run.byId({ id: runId })).graphName).toBe('slow'); // nothing was deleted

    await suite.caller.run.cancel({ id: runId });
    expect((await suite.runner.wait(runId, 30_000)).status).toBe('cancelled');
    // a finished run is not cancelled again, and says why
    await expect(suite.caller.run.cancel({ id: runId })).rejects.toMatchObject({ code: 'CONFLICT', message: 'the run has already been cancelled: only a queued or running run can be cancelled' });
    await expect(suite.caller.graph.delete({ id: graph.id })).resolves.toEqual({ id: graph.id });
    await expect(suite.caller.run.byId({ id: runId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(suite.caller.graph.delete({ id: graph.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);
});
