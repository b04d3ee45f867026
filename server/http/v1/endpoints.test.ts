import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimiter } from '../../services/rate-limit';
import { dbBackends } from '../../testing/db';
import { echoGraph, readSse, startApi, type ApiHarness } from './testing';

/** POST /api/v1/endpoints/{slug} over real HTTP: sync, async + poll, SSE, run history, error bodies. */
describe.each(dbBackends())('public endpoint calls on %s', (backend) => {
  let api: ApiHarness;
  let secret: string;
  let prefix: string;
  let endpointId: string;
  let versionId: string;
  beforeAll(async () => {
    // with REDIS_URL the limits live in Redis, as in a deployment with several web processes
    const redis = process.env.REDIS_URL;
    api = await startApi(backend, { rateLimiter: redis ? createRedisRateLimiter(redis, { prefix: `test-${randomBytes(4).toString('hex')}:` }) : undefined });
    const published = await api.publish('echo', echoGraph());
    endpointId = published.endpointId;
    versionId = published.versionIds[0]!;
    ({ secret, prefix } = await api.key());
  });
  afterAll(async () => {
    await api?.close();
  });

  const call = (path: string, init: RequestInit & { key?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key !== null) headers.set('authorization', `Bearer ${init.key ?? secret}`);
    if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return fetch(`${api.url}${path}`, { ...init, headers });
  };

  it('answers a sync call with the run id and the output, and records the run with endpoint, version and key prefix', async () => {
    const response = await call('/api/v1/endpoints/echo', { method: 'POST', body: JSON.stringify({ query: 'what is a prion?', topK: 3 }) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { runId: string; status: string; endpoint: string; version: number; output: { result: { text: string; topK: number } } };
    expect(body).toMatchObject({ status: 'succeeded', endpoint: 'echo', version: 1, output: { result: { text: 'what is a prion?', topK: 3 } } });
    expect(response.headers.get('x-ragraph-run-id')).toBe(body.runId);
    expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    const [run] = await api.db.sql.query<{ endpoint_id: string; graph_version_id: string; api_key_prefix: string; source: string; status: string }>(
      'SELECT endpoint_id, graph_version_id, api_key_prefix, source, status FROM run WHERE id = $1',
      [body.runId],
    );
    expect(run).toEqual({ endpoint_id: endpointId, graph_version_id: versionId, api_key_prefix: prefix, source: 'api', status: 'succeeded' });
  });

  it('starts an async call with 202 and serves its result at GET /api/v1/runs/{id}', async () => {
    const response = await call('/api/v1/endpoints/echo?mode=async', { method: 'POST', body: JSON.stringify({ query: 'later' }) });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { runId: string; statusUrl: string };
    expect(response.headers.get('location')).toBe(`/api/v1/runs/${accepted.runId}`);
    await api.runner.wait(accepted.runId, 10_000);
    const polled = await call(accepted.statusUrl);
    expect(polled.status).toBe(200);
    const run = (await polled.json()) as { status: string; endpoint: string; version: number; output: { result: { text: string } }; nodes: { nodeId: string; status: string }[] };
    expect(run).toMatchObject({ status: 'succeeded', endpoint: 'echo', version: 1, output: { result: { text: 'later' } } });
    expect(run.nodes.map((n) => n.nodeId).sort()).toEqual(['in', 'out', 'pass']);
  });

  it('streams node events and a final done frame over SSE', async () => {
    const response = await call('/api/v1/endpoints/echo', { method: 'POST', headers: { accept: 'text/event-stream' }, body: JSON.stringify({ query: 'stream it' }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = await readSse(response);
    expect(frames[0]).toMatchObject({ event: 'started', data: { endpoint: 'echo', version: 1 } });
    const succeededNodes = frames.filter((f) => f.event === 'node' && (f.data as { status: string }).status === 'succeeded').map((f) => (f.data as { nodeId: string }).nodeId);
    expect(new Set(succeededNodes)).toEqual(new Set(['in', 'pass', 'out']));
    const done = frames.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data).toMatchObject({ status: 'succeeded', output: { result: { text: 'stream it' } } });
  });

  it('answers 400 with the zod issues when the input does not fit the endpoint schema', async () => {
    const response = await call('/api/v1/endpoints/echo', { method: 'POST', body: JSON.stringify({ query: '', topK: 'ten' }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; details: { zodIssues: { path: string[]; message: string }[] } } };
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toMatch(/query: query may not be empty/);
    expect(body.error.details.zodIssues.map((i) => i.path.join('.')).sort()).toEqual(['query', 'topK']);
  });

  it('answers 400 for a body that is not JSON, and for an unknown mode', async () => {
    const bad = await call('/api/v1/endpoints/echo', { method: 'POST', body: '{"query": ' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
    const mode = await call('/api/v1/endpoints/echo?mode=later', { method: 'POST', body: '{"query":"x"}' });
    expect(mode.status).toBe(400);
    expect(((await mode.json()) as { error: { message: string } }).error.message).toMatch(/use sync \(default\), async or stream/);
  });

  it('answers 400 naming the field for input the database cannot store (NUL, unpaired surrogates, runaway nesting), in the body or the path', async () => {
    const cases: [string, string, RegExp][] = [
      ['/api/v1/endpoints/echo', '{"query":"a\\u0000b"}', /the body field "query" contains a NUL character/],
      ['/api/v1/endpoints/echo?mode=async', '{"query":"ok","tags":["x","\\ud800"]}', /the body field "tags\[1\]" contains an unpaired UTF-16 surrogate/],
      ['/api/v1/endpoints/ech%00o', '{"query":"ok"}', /the path parameter "slug" contains a NUL character/],
      // deeper than JSON.stringify can serialise to store the input
      ['/api/v1/endpoints/echo', `{"query":"ok","extra":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, /the body field "extra\[0\].*" is nested more than 100 levels deep/],
      ['/api/v1/openai/chat/completions', '{"model":"echo","messages":[{"role":"user","content":"\\udc00"}]}', /the body field "messages\[0\].content" contains an unpaired/],
      // a key the editor's API could never send back (superjson refuses it): the run would not open
      ['/api/v1/endpoints/echo', '{"query":"hi","meta":{"constructor":1}}', /the body field "meta.constructor" has a name that is "constructor", reserved/],
    ];
    for (const [path, body, message] of cases) {
      const response = await call(path, { method: 'POST', body });
      expect(response.status, path).toBe(400);
      const answer = (await response.json()) as { error: { message: string } };
      expect(answer.error.message, path).toMatch(message);
    }
    // bytes that are not UTF-8 (Latin-1 "café") are refused rather than stored as U+FFFD
    const latin1 = await call('/api/v1/endpoints/echo', { method: 'POST', body: Buffer.from('{"query":"caf\xe9"}', 'latin1') });
    expect(latin1.status).toBe(400);
    expect(((await latin1.json()) as { error: { message: string } }).error.message).toMatch(/^the body is not valid UTF-8/);
    // a well-formed pair (an emoji) is fine
    expect((await call('/api/v1/endpoints/echo', { method: 'POST', body: '{"query":"\\ud83d\\ude00"}' })).status).toBe(200);
  });

  it('answers 401 for a missing, malformed, unknown or revoked key, saying which', async () => {
    const body = JSON.stringify({ query: 'x' });
    const expectations: [string | null, RegExp][] = [
      [null, /needs an API key: send it as "Authorization: Bearer/],
      ['not-a-key', /not a ragraph API key/],
      [`rgk_AAAAAAAA_${'a'.repeat(40)}`, /unknown API key rgk_AAAAAAAA/],
    ];
    for (const [key, message] of expectations) {
      const response = await call('/api/v1/endpoints/echo', { method: 'POST', body, key });
      expect(response.status).toBe(401);
      const json = (await response.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe('UNAUTHORIZED');
      expect(json.error.message).toMatch(message);
    }
    const revoked = await api.key();
    const { revokeApiKey } = await import('../../services/api-keys');
    await revokeApiKey(api.db, revoked.id);
    const response = await call('/api/v1/endpoints/echo', { method: 'POST', body, key: revoked.secret });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(new RegExp(`${revoked.prefix} was revoked on`));
  });

  it('answers 403 for a key scoped to other endpoints', async () => {
    const other = await api.publish('other', echoGraph());
    const scoped = await api.key({ scopes: [other.endpointId] });
    const denied = await call('/api/v1/endpoints/echo', { method: 'POST', body: '{"query":"x"}', key: scoped.secret });
    expect(denied.status).toBe(403);
    const body = (await denied.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(body.error.message).toContain(`${scoped.prefix} ("test key") is not allowed to call endpoint "echo"`);
    const allowed = await call('/api/v1/endpoints/other', { method: 'POST', body: '{"query":"x"}', key: scoped.secret });
    expect(allowed.status).toBe(200);
  });

  it('answers 404 for an unknown slug and for an unpublished endpoint, and serves it again once republished', async () => {
    const unknown = await call('/api/v1/endpoints/nothing-here', { method: 'POST', body: '{"query":"x"}' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/no endpoint is published at "nothing-here"/);
    const { setEnabled } = await import('../../services/endpoints');
    const gone = await api.publish('gone', echoGraph());
    await setEnabled(api.db, gone.endpointId, false);
    const unpublished = await call('/api/v1/endpoints/gone', { method: 'POST', body: '{"query":"x"}' });
    expect(unpublished.status).toBe(404);
    expect(((await unpublished.json()) as { error: { message: string } }).error.message).toMatch(/"gone" is unpublished/);
    await setEnabled(api.db, gone.endpointId, true);
    expect((await call('/api/v1/endpoints/gone', { method: 'POST', body: '{"query":"x"}' })).status).toBe(200);
  });

  it('answers 413 for a body over 8 MB, declared or streamed', async () => {
    const big = JSON.stringify({ query: 'x'.repeat(9 * 1024 * 1024) });
    const declared = await call('/api/v1/endpoints/echo', { method: 'POST', body: big });
    expect(declared.status).toBe(413);
    const body = (await declared.json()) as { error: { code: string; message: string; details: { limitBytes: number } } };
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.error.details.limitBytes).toBe(8 * 1024 * 1024);
    // chunked: no content-length, so the limit trips while reading
    const encoder = new TextEncoder();
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(encoder.encode('x'.repeat(1024 * 1024)));
        controller.close();
      },
    });
    const streamed = await call('/api/v1/endpoints/echo', { method: 'POST', body: chunked, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('answers 429 with Retry-After once a key is over its rate limit', async () => {
    const limited = await api.key({ rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('/api/v1/endpoints/echo', { method: 'POST', body: '{"query":"x"}', key: limited.secret })).status);
    expect(statuses).toEqual([200, 200, 200]);
    const over = await call('/api/v1/endpoints/echo', { method: 'POST', body: '{"query":"x"}', key: limited.secret });
    expect(over.status).toBe(429);
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20); // 3 a minute: one token every 20 s
    const body = (await over.json()) as { error: { code: string; message: string; details: { retryAfterSeconds: number } } };
    expect(body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(body.error.message).toMatch(new RegExp(`${limited.prefix} is over its limit of 3 calls per minute`));
    expect(body.error.details.retryAfterSeconds).toBe(retryAfter);
    // another key is not affected
    expect((await call('/api/v1/endpoints/echo', { method: 'POST', body: '{"query":"x"}' })).status).toBe(200);
  });

  it('answers 404 and 405 for unknown routes and wrong methods under /api/v1', async () => {
    expect((await call('/api/v1/nowhere')).status).toBe(404);
    const wrong = await call('/api/v1/endpoints/echo', { method: 'GET' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('keeps runs of other keys private: a key without scope gets 403 on GET /runs/{id}', async () => {
    const response = await call('/api/v1/endpoints/echo', { method: 'POST', body: '{"query":"mine"}' });
    const { runId } = (await response.json()) as { runId: string };
    const other = await api.publish('elsewhere', echoGraph());
    const outsider = await api.key({ scopes: [other.endpointId] });
    const denied = await call(`/api/v1/runs/${runId}`, { key: outsider.secret });
    expect(denied.status).toBe(403);
    expect((await call('/api/v1/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('answers 503 naming the version when the served version no longer compiles, on every route, and refuses to publish one', async () => {
    // a version saved by a build that had a node type this one lacks (imported, since versions never
    // change), published back then: written as that build left it
    const { importGraph } = await import('../../services/graph-import');
    const spec = echoGraph();
    const drifted = { ...spec, nodes: spec.nodes.map((n, i) => (i === 1 ? { ...n, type: 'util.gone' } : n)) };
    const graph = await importGraph(api.db, { data: { format: 'ragraph.graph', formatVersion: 1, name: 'drifted graph', spec: drifted, versions: [{ number: 1, spec: drifted }] } });
    const [version] = await api.db.prisma.graphVersion.findMany({ where: { graphId: graph.id } });
    await api.db.prisma.endpoint.create({ data: { slug: 'drifted', graphId: graph.id, versionId: version!.id } });
    const published = { graphId: graph.id, versionIds: [version!.id] };
    const routes: [string, unknown][] = [
      ['/api/v1/endpoints/drifted', { query: 'hi' }],
      ['/api/v1/openai/chat/completions', { model: 'drifted', messages: [{ role: 'user', content: 'hi' }] }],
    ];
    for (const [path, body] of routes) {
      const response = await call(path, { method: 'POST', body: JSON.stringify(body) });
      expect(response.status, path).toBe(503);
      const { error } = (await response.json()) as { error: { message: string } };
      expect(error.message, path).toMatch(/^the endpoint serves version 1, which does not compile here \(.*util\.gone.*\): publish a version that does$/);
    }
    // publishing it (pinned, or as the latest) is refused up front
    const { publishEndpoint } = await import('../../services/endpoints');
    for (const versionId of [published.versionIds[0]!, null]) {
      await expect(publishEndpoint(api.db, { graphId: published.graphId, slug: `drifted-again-${versionId ? 'pinned' : 'latest'}`, versionId })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(versionId ? /^version 1 cannot be served: / : /^the latest version \(1\) cannot be served: /) as string,
      });
    }
  });
});
