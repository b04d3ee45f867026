import { describe, expect, it } from 'vitest';
import { chainGraph } from '../../runners/testing/graphs';
import { dbBackends } from '../testing/db';
import { tryEndpoint } from './endpoint-try';
import { publishEndpoint, setEnabled, setRouting } from './endpoints';
import { createGraph, saveDraft } from './graphs';
import { saveVersion } from './versions';
import { runnerSuite } from '../testing/runner-suite';

/** "Try it" on an endpoint's page runs the version it serves, main or canary, outside its traffic. */
describe.each(dbBackends())('trying an endpoint out on %s', (backend) => {
  const suite = runnerSuite(backend);

  it('runs the main version or the canary, as chosen, from the editor and not as a call', async () => {
    const graph = await createGraph(suite.db, { name: 'tried', spec: chainGraph([{ id: 'p', type: 'util.passthrough' }]) });
    const v1 = await saveVersion(suite.db, { graphId: graph.id, baseVersionId: null });
    const endpoint = await publishEndpoint(suite.db, { graphId: graph.id, slug: 'tried-out', versionId: v1.id });
    await expect(tryEndpoint(suite.db, suite.runner, { slug: 'tried-out', version: 'canary', input: { query: 'q' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'endpoint "tried-out" has no canary version: try its main version',
    });

    await saveDraft(suite.db, { id: graph.id, spec: chainGraph([{ id: 'p', type: 'util.passthrough' }, { id: 'q', type: 'util.passthrough' }]) });
    const v2 = await saveVersion(suite.db, { graphId: graph.id, baseVersionId: v1.id });
    await setRouting(suite.db, { id: endpoint.id, canaryVersionId: v2.id, canaryPercent: 0 }); // staged, takes no calls
    for (const [version, expected] of [['main', v1.id], ['canary', v2.id]] as const) {
      const { runId } = await tryEndpoint(suite.db, suite.runner, { slug: 'tried-out', version, input: { query: 'hello' } });
      expect((await suite.runner.wait(runId, 60_000)).status).toBe('succeeded');
      const run = await suite.db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
      expect(run).toMatchObject({ graphVersionId: expected, endpointId: null, source: 'editor', apiKeyPrefix: null });
    }

    await setEnabled(suite.db, endpoint.id, false);
    await expect(tryEndpoint(suite.db, suite.runner, { slug: 'tried-out', version: 'main', input: { query: 'q' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);
});
