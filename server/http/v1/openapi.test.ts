import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dbBackends } from '../../testing/db';
import { echoGraph, embedderGraph, ingestGraph, startApi, type ApiHarness } from './testing';

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
    for (const path of ['/api/v1/endpoints/echo', '/api/v1/endpoints/glove', '/api/v1/endpoints/ingest', '/api/v1/runs/{runId}', '/api/v1/openai/chat/completions', '/api/v1/openai/embeddings', '/api/v1/openai/models', '/api/v1/collections/{name}/documents', '/api/v1/endpoints/{slug}/evaluations', '/api/v1/endpoints/{slug}/evaluations/{id}', '/api/v1/endpoints/{slug}/evaluations/{id}/cancel']) {
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
