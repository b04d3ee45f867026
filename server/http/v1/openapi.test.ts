import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dbBackends } from '../../testing/db';
import { echoGraph, embedderGraph, ingestGraph, startApi, type ApiHarness, type Published } from './testing';

/** The OpenAPI 3.1 document and the page that renders it, read over HTTP like any client would. */
describe.each(dbBackends())('OpenAPI document on %s', (backend) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(backend);
    await api.publish('echo', echoGraph('result'));
    await api.publish('glove', embedderGraph());
    await api.publish('ingest', ingestGraph('kb'));
  });
  afterAll(async () => {
    await api?.close();
  });

  type Doc = {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    servers: { url: string }[];
  };

  it('describes every published endpoint with request and response schemas from its graph, without a key', async () => {
    const response = await fetch(`${api.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]!.url).toBe(api.url);
    expect(doc.components.securitySchemes).toHaveProperty('bearerAuth');
    for (const path of ['/api/v1/endpoints/echo', '/api/v1/endpoints/glove', '/api/v1/endpoints/ingest', '/api/v1/runs/{runId}', '/api/v1/openai/chat/completions', '/api/v1/openai/embeddings', '/api/v1/openai/models', '/api/v1/collections/{name}/documents', '/api/v1/endpoints/{slug}/evaluations', '/api/v1/endpoints/{slug}/evaluations/{id}', '/api/v1/endpoints/{slug}/evaluations/{id}/cancel', '/api/v1/datasets']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    // the request schema is the query input's zod schema, as JSON Schema: it accepts and refuses like the API
    const request = doc.paths['/api/v1/endpoints/echo']!.post!.requestBody!.content['application/json']!.schema;
    expect(request).toMatchObject({ type: 'object', required: ['query'], properties: { query: { type: 'string', minLength: 1 } } });
    const asZod = z.fromJSONSchema(request as Parameters<typeof z.fromJSONSchema>[0]);
    expect(asZod.safeParse({ query: 'hi', topK: 5 }).success).toBe(true);
    expect(asZod.safeParse({ query: 'hi', topK: 0 }).success).toBe(false);
    // the response's output is the exit node's field
    const ok = doc.paths['/api/v1/endpoints/echo']!.post!.responses['200']!.content!['application/json']!.schema as { properties: { output: { properties: Record<string, unknown> } } };
    expect(Object.keys(ok.properties.output.properties)).toEqual(['result']);
    const ingest = doc.paths['/api/v1/endpoints/ingest']!.post!.requestBody!.content['application/json']!.schema as { properties: Record<string, unknown> };
    expect(Object.keys(ingest.properties)).toEqual(['files']);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Error', 'ChatCompletion', 'ChatCompletionRequest', 'Citation', 'Embeddings', 'Evaluation', 'EvaluationRequest']));
    // the evaluation request refuses what the API refuses
    const evaluationRequest = z.fromJSONSchema(doc.components.schemas.EvaluationRequest as Parameters<typeof z.fromJSONSchema>[0]);
    expect(evaluationRequest.safeParse({ dataset: 'scifact train', version: 'canary' }).success).toBe(true);
    expect(evaluationRequest.safeParse({ dataset: 'scifact train', version: 'v2' }).success).toBe(false);
    // every $ref points at a schema that exists
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const name of new Set(refs)) expect(doc.components.schemas, name).toHaveProperty([name]);
  });

  it('renders the document as a self-contained HTML page (no external scripts, styles or fonts)', async () => {
    const response = await fetch(`${api.url}/api/v1/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<code>/api/v1/endpoints/echo</code>');
    expect(html).toContain('<code>/api/v1/openai/chat/completions</code>');
    // each operation's example sends the body it takes
    expect(html).toContain("-d '{&quot;dataset&quot;: &quot;scifact train&quot;, &quot;version&quot;: &quot;canary&quot;}'");
    expect(html).toContain('id="schema-chatcompletion"');
    expect(html).not.toMatch(/<script|<link[^>]+href="https?:|@import|url\(https?:/i);
  });
});

/** With the editor password set, the reference lists endpoints only to those who may see them. */
describe.each(dbBackends())('OpenAPI document behind the editor password on %s', (backend) => {
  let api: ApiHarness;
  let echo: Published;
  const credentials = { user: 'admin', password: 'correct horse' };
  beforeAll(async () => {
    api = await startApi(backend, { editorCredentials: credentials });
    echo = await api.publish('echo', echoGraph('result'));
    await api.publish('glove', embedderGraph());
  });
  afterAll(async () => {
    await api?.close();
  });

  const endpointPaths = async (headers: Record<string, string> = {}) => {
    const response = await fetch(`${api.url}/api/v1/openapi.json`, { headers });
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { info: { description: string }; paths: Record<string, unknown> };
    return { paths: Object.keys(doc.paths).filter((p) => /^\/api\/v1\/endpoints\/[^/{]+$/.test(p)), description: doc.info.description };
  };
  const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

  it('lists no endpoint to an anonymous reader, and says how to see them; the generic routes stay', async () => {
    const anonymous = await endpointPaths();
    expect(anonymous.paths).toEqual([]);
    expect(anonymous.description).toContain('Authorization: Bearer <API key>');
    expect((await endpointPaths(basic('admin', 'wrong password'))).paths).toEqual([]);
    const html = await (await fetch(`${api.url}/api/v1/docs`)).text();
    expect(html).toContain('<code>/api/v1/endpoints/{slug}</code>');
    expect(html).not.toContain('<code>/api/v1/endpoints/echo</code>');
  });

  it("lists every endpoint to the editor's users, and an API key's endpoints to its holder", async () => {
    expect((await endpointPaths(basic(credentials.user, credentials.password))).paths).toEqual(['/api/v1/endpoints/echo', '/api/v1/endpoints/glove']);
    const narrow = await api.key({ scopes: [echo.endpointId] });
    const byKey = await endpointPaths({ authorization: `Bearer ${narrow.secret}` });
    expect(byKey.paths).toEqual(['/api/v1/endpoints/echo']);
    expect(byKey.description).toContain(narrow.prefix);
    const wide = await api.key();
    expect((await endpointPaths({ authorization: `Bearer ${wide.secret}` })).paths).toEqual(['/api/v1/endpoints/echo', '/api/v1/endpoints/glove']);
  });

  it('asks for the editor password on the page the editor links (?signin), and lists every endpoint once given it', async () => {
    const challenged = await fetch(`${api.url}/api/v1/docs?signin`);
    expect(challenged.status).toBe(401);
    expect(challenged.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    const signedIn = await fetch(`${api.url}/api/v1/docs?signin`, { headers: basic(credentials.user, credentials.password) });
    expect(signedIn.status).toBe(200);
    const html = await signedIn.text();
    expect(html).toContain('<code>/api/v1/endpoints/echo</code>');
    expect(html).toContain('<code>/api/v1/endpoints/glove</code>');
  });

  it('answers a wrong key with 401, as every route does', async () => {
    const response = await fetch(`${api.url}/api/v1/openapi.json`, { headers: { authorization: 'Bearer rgk_nope' } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('not a ragraph API key');
  });
});
