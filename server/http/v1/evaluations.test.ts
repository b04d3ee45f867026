import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRouting } from '../../services/endpoints';
import { recordEvaluation } from '../../services/evaluations';
import { dbBackends } from '../../testing/db';
import { echoGraph, findsNothing, ragGraph, seedJudgedCorpus, startApi, storeRepeatedClaims, type ApiHarness } from './testing';

type View = { id: string; endpoint: string; version: number; dataset: string; status: string; queries: number; done: number; metrics: Record<string, number>; comparedWith: { version: number; metrics: Record<string, number> } | null; statusUrl: string; error: string | null };

/** Evaluations of what an endpoint serves, over the public API (POST, then poll), as a rollout gate uses them. */
describe.each(dbBackends())('public evaluations on %s', (backend) => {
  let api: ApiHarness;
  let secret: string;
  beforeAll(async () => {
    api = await startApi(backend);
    await seedJudgedCorpus(api.db, 'abstracts', 'three claims');
    ({ secret } = await api.key());
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  const call = (path: string, init: RequestInit & { key?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key !== null) headers.set('authorization', `Bearer ${init.key ?? secret}`);
    if (init.body) headers.set('content-type', 'application/json');
    return fetch(`${api.url}${path}`, { ...init, headers });
  };
  const start = (slug: string, body: unknown, key?: string) => call(`/api/v1/endpoints/${slug}/evaluations`, { method: 'POST', body: JSON.stringify(body), key });
  async function settled(statusUrl: string): Promise<View> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const view = (await (await call(statusUrl)).json()) as View;
      if (view.status !== 'running') return view;
      if (Date.now() > deadline) throw new Error(`still running: ${JSON.stringify(view)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('scores the main version, then a 0 % canary beside it, so a rollout can be gated on the drop', async () => {
    const published = await api.publish('answers', [ragGraph('abstracts'), findsNothing('abstracts')], { versionNumber: 1, canaryVersionId: null });
    const response = await start('answers', { dataset: 'three claims' });
    expect(response.status).toBe(202);
    const started = (await response.json()) as View;
    expect(started).toMatchObject({ endpoint: 'answers', version: 1, dataset: 'three claims', status: 'running', queries: 3 });
    expect(response.headers.get('location')).toBe(started.statusUrl);
    const main = await settled(started.statusUrl);
    expect(main).toMatchObject({ status: 'succeeded', done: 3, comparedWith: null, metrics: { ndcg10: 1, recall100: 1, mrr10: 1 } });
    const [row] = await api.db.sql.query<{ created_by: string }>('SELECT created_by FROM evaluation WHERE id = $1', [main.id]);
    expect(row!.created_by).toMatch(/^api:rgk_/);

    // the candidate as a canary that serves no calls yet
    await setRouting(api.db, { id: published.endpointId, canaryVersionId: published.versionIds[1]!, canaryPercent: 0 });
    const canary = await settled(((await (await start('answers', { dataset: 'three claims', version: 'canary', depth: 20 })).json()) as View).statusUrl);
    expect(canary).toMatchObject({ status: 'succeeded', version: 2, comparedWith: { version: 1, metrics: { ndcg10: 1 } } });
    expect(canary.metrics).toEqual({ ndcg10: 0, recall100: 0, mrr10: 0 });
    // both, newest first, each beside what it is compared with
    const listed = (await (await call('/api/v1/endpoints/answers/evaluations')).json()) as { evaluations: View[] };
    expect(listed.evaluations.map((e) => [e.id, e.version, e.status, e.comparedWith?.version ?? null])).toEqual([
      [canary.id, 2, 'succeeded', 1],
      [main.id, 1, 'succeeded', null],
    ]);
  }, 120_000);

  it('refuses, with a message saying what to fix, what it cannot evaluate', async () => {
    const published = await api.publish('refusals', ragGraph('abstracts'));
    const status = async (response: Response) => ({ status: response.status, message: ((await response.json()) as { error: { message: string } }).error.message });
    expect(await status(await start('refusals', { dataset: 'no such set' }))).toEqual({ status: 404, message: expect.stringContaining('no dataset is named "no such set"') });
    expect(await status(await start('refusals', { dataset: 'three claims', version: 'canary' }))).toEqual({ status: 404, message: expect.stringContaining('endpoint "refusals" has no canary version') });
    expect(await status(await start('refusals', { dataset: 'three claims', depth: 0 }))).toEqual({ status: 400, message: expect.stringContaining('depth') });
    expect(await status(await start('refusals', { dataset: 'three claims', versionId: published.versionIds[0] }))).toEqual({ status: 400, message: expect.stringContaining('versionId') });
    expect(await status(await start('nowhere', { dataset: 'three claims' }))).toEqual({ status: 404, message: expect.stringContaining('no endpoint is published at "nowhere"') });
    expect(await status(await start('refusals', { dataset: 'three claims' }, 'not-a-key'))).toMatchObject({ status: 401 });
    // a key scoped to another endpoint may neither start nor read this one's evaluations
    const { secret: otherKey } = await api.key({ scopes: [(await api.publish('elsewhere', echoGraph())).endpointId] });
    expect(await status(await start('refusals', { dataset: 'three claims' }, otherKey))).toEqual({ status: 403, message: expect.stringContaining('not allowed to call endpoint "refusals"') });
    expect((await call('/api/v1/endpoints/refusals/evaluations/00000000-0000-4000-8000-000000000000', { key: otherKey })).status).toBe(403);
    // an echo graph returns no ranking: nothing to score
    expect(await status(await start('elsewhere', { dataset: 'three claims' }, otherKey))).toEqual({ status: 400, message: expect.stringContaining('has no node that returns a ranking') });
  });

  it('shows and cancels an evaluation only under its own endpoint, and runs one per version and dataset at a time', async () => {
    const first = await api.publish('first', ragGraph('abstracts'));
    await api.publish('second', ragGraph('abstracts'));
    const recorded = await recordEvaluation(api.db, { versionId: first.versionIds[0]!, dataset: 'three claims', queries: 3, metrics: { ndcg10: 0.9 } });
    expect((await call(`/api/v1/endpoints/first/evaluations/${recorded.id}`)).status).toBe(200);
    expect((await call(`/api/v1/endpoints/second/evaluations/${recorded.id}`)).status).toBe(404);
    expect((await call('/api/v1/endpoints/first/evaluations/not-a-uuid')).status).toBe(404);
    // long enough to be running still when the second request comes
    await storeRepeatedClaims(api.db, 'many claims');
    const running = (await (await start('first', { dataset: 'many claims' })).json()) as View;
    const again = await start('first', { dataset: 'many claims' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/^version 1 is already being evaluated on "many claims" \(\d+ of 400 queries scored\)/);
    // another endpoint's key path cannot stop it; a pipeline that gave up waiting can, once
    expect((await call(`/api/v1/endpoints/second/evaluations/${running.id}/cancel`, { method: 'POST' })).status).toBe(404);
    const cancel = () => call(`${running.statusUrl}/cancel`, { method: 'POST' });
    const cancelled = await cancel();
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id: running.id, status: 'cancelled', metrics: {} });
    const twice = await cancel();
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { error: { message: string } }).error.message).toBe('the evaluation has already ended (cancelled)');
  });
});
