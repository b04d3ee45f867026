import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue, PromptValue } from '../../core/values';
import { startOpenAIServer, type ChatRequestBody, type OpenAITestServer } from '../../testing/openai-server';
import { createTestContext } from '../../testing/context';
import { llmOpenAI } from './definition';
import { llmOpenAIExecutor } from './execute';

const prompt: PromptValue = {
  question: 'What lowers blood pressure?',
  messages: [
    { role: 'system', content: 'Answer from the passages and cite them.' },
    { role: 'user', content: 'Context:\n[1] Exercise lowers blood pressure.\n[2] Salt raises it.\n\nQuestion: What lowers blood pressure?' },
  ],
  context: [
    { marker: '[1]', chunkId: 'c1', sourceId: 's1', title: 'Exercise', text: 'Exercise lowers blood pressure.' },
    { marker: '[2]', chunkId: 'c2', sourceId: 's2', text: 'Salt raises it.' },
  ],
};

describe('llm.openai', () => {
  let server: OpenAITestServer;
  beforeAll(async () => {
    server = await startOpenAIServer();
  });
  afterAll(() => server.close());

  async function run(config: Record<string, unknown>, options: { signal?: AbortSignal } = {}) {
    const ctx = createTestContext(options);
    const parsed = llmOpenAI.config.parse({ baseUrl: server.url, model: 'tiny-llm', ...config });
    const out = (await llmOpenAIExecutor.execute!(ctx, { prompt } as never, parsed as never)) as { answer: AnswerValue };
    return { answer: out.answer, ctx, request: server.requests.at(-1)!.body as ChatRequestBody };
  }

  it('streams the answer over SSE, emits a token per delta, maps citations and records usage and timings', async () => {
    server.onChat(() => ({ content: 'Regular exercise lowers blood pressure [1], unlike salt [2][7].', pieceDelayMs: 5 }));
    const { answer, ctx, request } = await run({ stop: ['\n\n'], temperature: 0, maxTokens: 64 });
    expect(answer.text).toBe('Regular exercise lowers blood pressure [1], unlike salt [2][7].');
    expect(answer.producedBy).toBe('tiny-llm');
    expect(answer.citations).toEqual([
      { marker: '[1]', chunkId: 'c1', sourceId: 's1', title: 'Exercise' },
      { marker: '[2]', chunkId: 'c2', sourceId: 's2' },
    ]);
    const tokens = ctx.events.filter((e) => e.type === 'token').map((e) => e.data);
    expect(tokens.length).toBe(9);
    expect(tokens.join('')).toBe(answer.text);
    // what went over the wire
    expect(request).toMatchObject({ model: 'tiny-llm', stream: true, stream_options: { include_usage: true }, stop: ['\n\n'], temperature: 0, max_tokens: 64 });
    expect(request.messages).toEqual(prompt.messages);
    // usage came from the server's usage chunk
    expect(ctx.metrics.completionTokens).toBe(9);
    expect(ctx.metrics.usageReported).toBe(true);
    expect(ctx.metrics.promptTokens).toBeGreaterThan(10);
    expect(ctx.metrics.ttftMs).toBeGreaterThan(0);
    expect(ctx.metrics.tpotMs).toBeGreaterThanOrEqual(3); // ~5 ms between pieces
    expect(ctx.metrics.finishReason).toBe('stop');
  });

  it('estimates tokens when the server sends no usage, and reports a cut answer', async () => {
    server.onChat(() => ({ content: 'one two three four five six', usage: null }));
    const { answer, ctx } = await run({ maxTokens: 3 });
    expect(answer.text).toBe('one two three ');
    expect(ctx.metrics.completionTokens).toBe(3);
    expect(ctx.metrics.usageReported).toBe(false);
    expect(ctx.metrics.finishReason).toBe('length');
  });

  it('works without streaming and with servers that ignore stream: true', async () => {
    server.onChat(() => ({ content: 'Exercise [1].' }));
    const plain = await run({ stream: false });
    expect(plain.request.stream).toBe(false);
    expect(plain.answer.text).toBe('Exercise [1].');
    expect(plain.ctx.metrics.completionTokens).toBe(2);
    server.onChat(() => ({ content: 'Exercise [1].', ignoreStream: true }));
    const ignored = await run({});
    expect(ignored.answer.citations.map((c) => c.chunkId)).toEqual(['c1']);
  });

  it('sends the API key from config or from an environment variable', async () => {
    server.requireApiKey('sk-secret');
    try {
      server.onChat(() => ({ content: 'ok' }));
      await expect(run({})).rejects.toMatchObject({ code: 'REMOTE_ERROR', message: expect.stringContaining('HTTP 401 (check the API key)') });
      expect((await run({ apiKey: 'sk-secret' })).answer.text).toBe('ok');
      process.env.H4_TEST_LLM_API_KEY = 'sk-secret';
      expect((await run({ apiKeyEnv: 'H4_TEST_LLM_API_KEY' })).answer.text).toBe('ok');
      await expect(run({ apiKeyEnv: 'H4_TEST_MISSING_API_KEY' })).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
      expect(llmOpenAI.config.safeParse({ model: 'm', apiKeyEnv: 'DATABASE_URL' }).success).toBe(false);
    } finally {
      server.requireApiKey(undefined);
      delete process.env.H4_TEST_LLM_API_KEY;
    }
  });

  it('asks for JSON with response_format json_schema and validates the answer', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' }, confidence: { type: 'number', minimum: 0, maximum: 1 } }, required: ['answer', 'confidence'] };
    server.onChat(() => ({ content: '{"answer": "Exercise [1]", "confidence": 0.8}' }));
    const ok = await run({ jsonSchema: JSON.stringify(schema) });
    expect(JSON.parse(ok.answer.text)).toEqual({ answer: 'Exercise [1]', confidence: 0.8 });
    expect(ok.answer.citations.map((c) => c.marker)).toEqual(['[1]']);
    expect(ok.request.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } });
    server.onChat(() => ({ content: '{"answer": "x", "confidence": 3}' }));
    await expect(run({ jsonSchema: JSON.stringify(schema) })).rejects.toMatchObject({ code: 'REMOTE_ERROR', message: expect.stringContaining('confidence') });
    server.onChat(() => ({ content: 'not json' }));
    await expect(run({ jsonSchema: JSON.stringify(schema) })).rejects.toMatchObject({ code: 'REMOTE_ERROR', message: expect.stringContaining('not valid JSON') });
  });

  it('rejects bad config at validation: schema text, URL, model', () => {
    const parse = (c: Record<string, unknown>) => llmOpenAI.config.safeParse({ model: 'm', ...c });
    expect(parse({ jsonSchema: '{oops' }).error?.issues[0]?.message).toContain('not valid JSON');
    expect(parse({ jsonSchema: '{"type":"objekt"}' }).error?.issues[0]?.message).toContain('not a supported JSON Schema');
    expect(parse({ baseUrl: 'localhost:8000' }).success).toBe(false);
    expect(llmOpenAI.config.safeParse({}).success).toBe(false);
    expect(parse({}).success).toBe(true);
  });

  it('maps HTTP errors to REMOTE_ERROR with status and body excerpt (5xx retryable, 4xx not)', async () => {
    server.onChat(() => ({ error: { status: 503, body: '{"error":{"message":"model is loading"}}' } }));
    const failure = await run({}).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'REMOTE_ERROR', retryable: true, details: { status: 503 } });
    expect((failure as Error).message).toContain('model is loading');
    server.onChat(() => ({ error: { status: 400, body: 'bad request: unknown model' } }));
    await expect(run({})).rejects.toMatchObject({ code: 'REMOTE_ERROR', retryable: false });
  });

  it('fails clearly on an error inside the stream and on a stream that stops early', async () => {
    server.onChat(() => ({ content: 'a b c d', streamErrorAfter: 2 }));
    await expect(run({})).rejects.toMatchObject({ code: 'REMOTE_ERROR', message: expect.stringContaining('mid-stream') });
    server.onChat(() => ({ content: 'a b c d', dropAfter: 2 }));
    await expect(run({})).rejects.toMatchObject({ code: 'REMOTE_ERROR', retryable: true, message: expect.stringContaining('ended before the answer was complete') });
  });

  it('times out a server that never answers', async () => {
    server.onChat(() => ({ hang: true }));
    const started = Date.now();
    await expect(run({ timeoutMs: 300 })).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('300 ms') });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('times out a stream that stalls after the first tokens', async () => {
    server.onChat(() => ({ content: 'slow answer here', pieceDelayMs: 400 }));
    await expect(run({ timeoutMs: 600 })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('stops when the run is cancelled', async () => {
    server.onChat(() => ({ hang: true }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(run({ timeoutMs: 10_000 }, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('reports an unreachable server as REMOTE_UNREACHABLE', async () => {
    const port = await freePort();
    await expect(run({ baseUrl: `http://127.0.0.1:${port}/v1` })).rejects.toMatchObject({ code: 'REMOTE_UNREACHABLE', retryable: true });
  });
});

/** A port nothing listens on: bind, read the port, close. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
