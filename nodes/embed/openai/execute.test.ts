import { z } from 'zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BatchItem } from '../../core/context';
import { createTestContext } from '../../testing/context';
import { closedPortUrl, startScriptedServer, type ScriptedRequest, type ScriptedServer } from '../../testing/scripted-server';
import { chunksOf } from '../../testing/values';
import { embedOpenAI, type EmbedOpenAIConfig } from './definition';
import { embedOpenAIExecutor } from './execute';

/** A deterministic "model": [length, vowels, 1]. */
const fakeVector = (text: string): number[] => [text.length, (text.match(/[aeiou]/g) ?? []).length, 1];

/** POST /v1/embeddings exactly as OpenAI answers it (data possibly out of order, as the spec allows). */
function openAIEmbeddings(request: ScriptedRequest, options: { reverse?: boolean; vector?: (t: string) => number[] } = {}) {
  if (request.method !== 'POST' || request.path !== '/v1/embeddings') return { status: 404, json: { error: { message: 'not found' } } };
  const body = request.body as { model: string; input: string | string[] };
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: (options.vector ?? fakeVector)(text) }));
  if (options.reverse) data.reverse();
  return {
    json: { object: 'list', data, model: body.model, usage: { prompt_tokens: inputs.join(' ').length, total_tokens: inputs.join(' ').length } },
  };
}

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer((r) => openAIEmbeddings(r));
});
afterEach(() => {
  server.requests.length = 0;
  server.handle((r) => openAIEmbeddings(r));
});
afterAll(() => server.close());

const config = (overrides: Partial<EmbedOpenAIConfig> = {}): EmbedOpenAIConfig =>
  embedOpenAI.config.parse({ baseUrl: server.url, model: 'text-embedding-test', ...overrides });
type Inputs = { chunks?: ReturnType<typeof chunksOf>; query?: { text: string } };
const item = (inputs: Inputs, c: EmbedOpenAIConfig = config(), ctx = createTestContext()) => ({ ctx, inputs, config: c }) as unknown as BatchItem<typeof embedOpenAI>;
const run = (...items: ReturnType<typeof item>[]) => embedOpenAIExecutor.executeBatch!(items);

describe('embed.openai against an in-test /v1/embeddings server', () => {
  it('sends {model, input[]} with the bearer key and maps vectors back by index', async () => {
    server.handle((r) => openAIEmbeddings(r, { reverse: true }));
    const [out] = await run(item({ chunks: chunksOf(['alpha', 'parent', 'be']) , query: undefined }, config({ apiKey: 'sk-test-123' })));
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.headers.authorization).toBe('Bearer sk-test-123');
    expect(request.body).toEqual({ model: 'text-embedding-test', input: ['alpha', 'parent', 'be'] });
    expect(out!.embedded).toMatchObject({ model: 'text-embedding-test', dims: 3, embeddings: [fakeVector('alpha'), fakeVector('parent'), fakeVector('be')] });
  });

  it('skips parent chunks and embeds the query with its prefix', async () => {
    const c = config({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    const [out] = await run(item({ chunks: chunksOf(['whole section', 'part'], { parents: [0] }), query: { text: 'what?' } }, c));
    expect((server.requests[0]!.body as { input: string[] }).input).toEqual(['passage: part', 'query: what?']);
    expect((out!.embedded as { embeddings: number[][] }).embeddings).toEqual([[], fakeVector('passage: part')]);
    expect(out!.vector).toMatchObject({ text: 'what?', vector: fakeVector('query: what?'), dims: 3 });
  });

  it('merges concurrent requests into requests of batchSize texts and splits the answers back', async () => {
    const c = config({ batchSize: 2 });
    const outs = await run(item({ query: { text: 'one' } }, c), item({ chunks: chunksOf(['two', 'three']) }, c), item({ query: { text: 'four' } }, c));
    expect(server.requests.map((r) => (r.body as { input: string[] }).input)).toEqual([['one', 'two'], ['three', 'four']]);
    expect((outs[0]!.vector as { vector: number[] }).vector).toEqual(fakeVector('one'));
    expect((outs[1]!.embedded as { embeddings: number[][] }).embeddings).toEqual([fakeVector('two'), fakeVector('three')]);
    expect((outs[2]!.vector as { vector: number[] }).vector).toEqual(fakeVector('four'));
  });

  it('accepts a base URL that already ends in /v1 and sends "dimensions" when set', async () => {
    await run(item({ query: { text: 'x' } }, config({ baseUrl: `${server.url}/v1/`, dimensions: 3 })));
    expect(server.requests[0]!.path).toBe('/v1/embeddings');
    expect(server.requests[0]!.body).toMatchObject({ dimensions: 3 });
  });

  it('refuses vectors of the wrong or of mixed dims with DIMENSION_MISMATCH', async () => {
    await expect(run(item({ query: { text: 'x' } }, config({ dimensions: 8 })))).rejects.toMatchObject({ code: 'DIMENSION_MISMATCH', message: expect.stringContaining('expected 8') });
    server.handle((r) => openAIEmbeddings(r, { vector: (t) => (t === 'b' ? [1, 2] : [1, 2, 3]) }));
    await expect(run(item({ chunks: chunksOf(['a', 'b']) }, config({ model: 'mixed' })))).rejects.toMatchObject({ code: 'DIMENSION_MISMATCH' });
  });

  it('reports a server error with status and body excerpt; 5xx and 429 are retryable, 4xx not', async () => {
    server.handle(() => ({ status: 503, text: '<html>model is loading, try later</html>' }));
    await expect(run(item({ query: { text: 'x' } }))).rejects.toMatchObject({
      code: 'REMOTE_ERROR',
      retryable: true,
      message: expect.stringMatching(/503.*model is loading/),
    });
    server.handle(() => ({ status: 400, json: { error: { message: 'model "nope" not found' } } }));
    await expect(run(item({ query: { text: 'x' } }))).rejects.toMatchObject({ code: 'REMOTE_ERROR', retryable: false, message: expect.stringContaining('not found') });
  });

  it('reports an unexpected response shape or count as REMOTE_ERROR', async () => {
    server.handle(() => ({ json: { embeddings: [[1, 2, 3]] } }));
    await expect(run(item({ query: { text: 'x' } }))).rejects.toMatchObject({ code: 'REMOTE_ERROR', message: expect.stringContaining('unexpected shape') });
    server.handle(() => ({ json: { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [1, 2, 3] }] } }));
    await expect(run(item({ chunks: chunksOf(['a', 'b']) }))).rejects.toMatchObject({ code: 'REMOTE_ERROR', message: expect.stringContaining('1 vectors for 2 inputs') });
  });

  it('reports a server that is down as REMOTE_UNREACHABLE (retryable)', async () => {
    const down = await closedPortUrl();
    await expect(run(item({ query: { text: 'x' } }, config({ baseUrl: down })))).rejects.toMatchObject({ code: 'REMOTE_UNREACHABLE', retryable: true, message: expect.stringContaining(down) });
  });

  it('gives up after timeoutMs with TIMEOUT', async () => {
    server.handle(() => ({ hang: true }));
    await expect(run(item({ query: { text: 'x' } }, config({ timeoutMs: 200 })))).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('200 ms') });
  });

  it('stops waiting when the run is cancelled', async () => {
    server.handle(() => ({ hang: true }));
    const ctx = createTestContext();
    setTimeout(() => ctx.controller.abort(), 100);
    await expect(run(item({ query: { text: 'x' } }, config(), ctx))).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('reads the key from an *_API_KEY environment variable only', async () => {
    process.env.H2_TEST_API_KEY = 'sk-from-env';
    try {
      await run(item({ query: { text: 'x' } }, config({ apiKeyEnv: 'H2_TEST_API_KEY' })));
      expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-from-env');
    } finally {
      delete process.env.H2_TEST_API_KEY;
    }
    expect(embedOpenAI.config.safeParse({ model: 'm', apiKeyEnv: 'DATABASE_URL' }).success).toBe(false);
    await expect(run(item({ query: { text: 'x' } }, config({ apiKeyEnv: 'MISSING_API_KEY' })))).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });

  it('marks apiKey as a secret in the config schema', () => {
    expect(embedOpenAI.config.shape.apiKey.meta()).toMatchObject({ secret: true });
    const json = z.toJSONSchema(embedOpenAI.config, { io: 'input' }) as { properties: Record<string, { secret?: boolean }> };
    expect(json.properties.apiKey!.secret).toBe(true);
    expect(json.properties.model!.secret).toBeUndefined();
  });
});
