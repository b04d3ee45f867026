import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends } from '../../testing/db';
import { echoGraph, startApi, type ApiHarness } from './testing';

const QUERIES = [
  { _id: 'q1', text: 'does aspirin prevent stroke' },
  { _id: 'q2', text: 'statins and cholesterol' },
  { _id: 'q3', text: 'no judgement for me' },
]
  .map((q) => JSON.stringify(q))
  .join('\n');
const QRELS = 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t2\nq2\td4\t0\n';

/** Datasets over the public API: a pipeline stores judged queries, then evaluates endpoints on them by name. */
describe.each(dbBackends())('public datasets on %s', (backend) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(backend);
  });
  afterAll(async () => {
    await api?.close();
  });

  const call = (method: 'GET' | 'POST', key: string | null, body?: unknown) =>
    fetch(`${api.url}/api/v1/datasets`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

  it('stores a dataset with a key for all endpoints, lists it, and refuses the same name again', async () => {
    const { secret } = await api.key();
    const created = await call('POST', secret, { name: 'pipeline set', description: 'from CI', queriesText: QUERIES, qrelsText: QRELS });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'pipeline set', description: 'from CI', queries: 2, judgements: 3, skipped: { unjudged: 1, judgedButMissing: 0, allZero: 0 } });

    const listed = await call('GET', secret);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { datasets: { name: string }[] }).datasets.map((d) => d.name)).toEqual(['pipeline set']);
    const stored = await api.db.prisma.dataset.findUniqueOrThrow({ where: { name: 'pipeline set' } });
    expect(stored.createdBy).toMatch(/^api key rgk_/);

    const again = await call('POST', secret, { name: 'pipeline set', queriesText: QUERIES, qrelsText: QRELS });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toContain('a dataset named "pipeline set" already exists');
  });

  it('refuses a key scoped to some endpoints, a missing key, and files it cannot read, saying what to fix', async () => {
    const published = await api.publish('only-me', echoGraph());
    const narrow = await api.key({ scopes: [published.endpointId] });
    const forbidden = await call('POST', narrow.secret, { name: 'narrow', queriesText: QUERIES, qrelsText: QRELS });
    expect(forbidden.status).toBe(403);
    expect((await errorOf(forbidden)).message).toContain('a dataset serves all of them');
    expect((await call('GET', narrow.secret)).status).toBe(200); // listing is for any key
    expect((await call('POST', null, { name: 'x', queriesText: QUERIES, qrelsText: QRELS })).status).toBe(401);
    const { secret } = await api.key();
    const bad = await call('POST', secret, { name: 'bad', queriesText: 'not json', qrelsText: QRELS });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/queries/i);
    const unknownField = await call('POST', secret, { name: 'extra', queriesText: QUERIES, qrelsText: QRELS, owner: 'me' });
    expect(unknownField.status).toBe(400);
    expect((await errorOf(unknownField)).message).toContain('owner');
  });
});
