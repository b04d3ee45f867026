import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../testing/db';
import { echoSpec } from '../testing/specs';
import { deleteEndpoint, getEndpoint, listEndpoints, publishEndpoint, setRouting } from './endpoints';
import { createGraph } from './graphs';
import { saveVersion } from './versions';

describe.each(dbBackends())('endpoints on %s', (backend) => {
  let db: TestDb;
  let graphId: string;
  let v1: string;
  let v2: string;
  beforeAll(async () => {
    db = await openTestDb(backend);
    graphId = (await createGraph(db, { name: 'endpoint graph', spec: echoSpec('a') })).id;
    v1 = (await saveVersion(db, { graphId, baseVersionId: null })).id;
    v2 = (await saveVersion(db, { graphId, baseVersionId: v1, spec: echoSpec('b') })).id;
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('publishes a slug with its schemas, kind and a first revision', async () => {
    const endpoint = await publishEndpoint(db, { graphId, slug: 'answers', description: 'the QA bot' });
    expect(endpoint).toMatchObject({ slug: 'answers', enabled: true, versionId: null, servedVersionNumber: 2, latestVersion: { number: 2 }, kind: 'other' });
    expect(endpoint.inputSchema).toMatchObject({ type: 'object', required: ['query'] });
    expect(endpoint.outputSchema).toMatchObject({ properties: { b: {} } });
    expect(endpoint.revisions).toHaveLength(1);
    expect(endpoint.revisions[0]!.note).toBe('published: all calls to latest version');
    const listed = (await listEndpoints(db)).find((e) => e.slug === 'answers')!;
    expect(listed).toMatchObject({ graphName: 'endpoint graph', latestVersionNumber: 2, callCount: 0, lastCalledAt: null });
  });

  it('refuses what it cannot serve, saying why', async () => {
    const draftOnly = (await createGraph(db, { name: 'draft only', spec: echoSpec() })).id;
    const otherVersion = (await saveVersion(db, { graphId: (await createGraph(db, { name: 'other', spec: echoSpec() })).id, baseVersionId: null })).id;
    const cases: [Parameters<typeof publishEndpoint>[1], string, RegExp][] = [
      [{ graphId: draftOnly, slug: 'draft' }, 'BAD_REQUEST', /no saved version: endpoints serve saved versions, never drafts/],
      [{ graphId, slug: 'Bad Slug' }, 'BAD_REQUEST', /slug: slugs use lowercase letters/],
      [{ graphId, slug: 'answers' }, 'CONFLICT', /"answers" already exists/],
      [{ graphId, slug: 'pct', canaryPercent: 10 }, 'BAD_REQUEST', /name a canaryVersionId/],
      [{ graphId, slug: 'pct', versionId: v1, canaryVersionId: v1, canaryPercent: 10 }, 'BAD_REQUEST', /canary must be a different version/],
      [{ graphId, slug: 'pct', versionId: v1, canaryVersionId: v2, canaryPercent: 100 }, 'BAD_REQUEST', /between 0 \(staged: no calls yet\) and 99 percent/],
      [{ graphId, slug: 'pct', versionId: v1, canaryVersionId: v2, canaryPercent: -1 }, 'BAD_REQUEST', /between 0 \(staged: no calls yet\) and 99 percent/],
      [{ graphId, slug: 'foreign', versionId: otherVersion }, 'BAD_REQUEST', /belongs to another graph/],
    ];
    for (const [input, code, message] of cases) {
      await expect(publishEndpoint(db, input), input.slug).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    }
  });

  it('records each routing change as a revision that names the versions', async () => {
    const endpoint = await publishEndpoint(db, { graphId, slug: 'routed', versionId: v1 });
    const canary = await setRouting(db, { id: endpoint.id, canaryVersionId: v2, canaryPercent: 10 });
    expect(canary).toMatchObject({ versionNumber: 1, canaryVersionNumber: 2, canaryPercent: 10 });
    expect(canary.revisions.map((r) => r.note)).toEqual(['90% to v1, 10% to canary v2', 'published: all calls to v1']);
    // staged: on the endpoint at 0 %, serving no calls until its share is raised
    const staged = await setRouting(db, { id: endpoint.id, canaryPercent: 0 });
    expect(staged).toMatchObject({ canaryVersionNumber: 2, canaryPercent: 0 });
    expect(staged.revisions[0]!.note).toBe('all calls to v1, canary v2 staged (no calls)');
    const stopped = await setRouting(db, { id: endpoint.id, canaryVersionId: null });
    expect(stopped).toMatchObject({ canaryVersionId: null, canaryPercent: 0 });
  });

  it('deletes an endpoint but keeps its runs in the history', async () => {
    const endpoint = await publishEndpoint(db, { graphId, slug: 'short-lived' });
    const runId = '00000000-0000-4000-8000-0000000000aa';
    await db.sql.execute(
      `INSERT INTO run (id, graph_id, graph_version_id, endpoint_id, api_key_prefix, source, status, spec_hash, input) VALUES ($1, $2, $3, $4, 'rgk_test0000', 'api', 'succeeded', 'h', '{}')`,
      [runId, graphId, v2, endpoint.id],
    );
    await deleteEndpoint(db, endpoint.id);
    await expect(getEndpoint(db, endpoint.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [run] = await db.sql.query<{ endpoint_id: string | null; api_key_prefix: string }>('SELECT endpoint_id, api_key_prefix FROM run WHERE id = $1', [runId]);
    expect(run).toEqual({ endpoint_id: null, api_key_prefix: 'rgk_test0000' });
  });
});
