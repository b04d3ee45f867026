import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderationResult, startOpenAIServer, type OpenAITestServer } from './openai-server';

// The official OpenAI SDK is the judge of whether the test server speaks the real wire protocol.
describe('in-test OpenAI server', () => {
  let server: OpenAITestServer;
  let client: OpenAI;
  beforeAll(async () => {
    server = await startOpenAIServer();
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
  });
  afterAll(() => server.close());

  it('streams chat completion chunks and a usage chunk the SDK parses', async () => {
    server.onChat(() => ({ content: 'Water boils at 100 degrees [1].' }));
    const stream = await client.chat.completions.create({
      model: 'tiny',
      messages: [{ role: 'user', content: 'When does water boil?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Water boils at 100 degrees [1].');
    expect(finish).toBe('stop');
    expect(usage?.completion_tokens).toBe(6);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + 6);
    const last = server.requests.at(-1)!;
    expect(last.path).toBe('/v1/chat/completions');
    expect(last.headers.authorization).toBe('Bearer sk-test');
  });

  it('answers non-streaming requests and honours stop and max_tokens', async () => {
    server.onChat(() => ({ content: 'one two three four five' }));
    const stopped = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stop: [' four'] });
    expect(stopped.choices[0]?.message.content).toBe('one two three');
    expect(stopped.choices[0]?.finish_reason).toBe('stop');
    const cut = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: 2 });
    expect(cut.choices[0]?.message.content).toBe('one two ');
    expect(cut.choices[0]?.finish_reason).toBe('length');
  });

  it('returns scripted HTTP errors the SDK surfaces with their status', async () => {
    server.onChat(() => ({ error: { status: 503, body: '{"error":{"message":"overloaded"}}' } }));
    await expect(client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 503 });
  });

  it('serves embeddings in the OpenAI list shape', async () => {
    const res = await client.embeddings.create({ model: 'e', input: ['a', 'b'], dimensions: 4 });
    expect(res.object).toBe('list');
    expect(res.data.map((d) => d.index)).toEqual([0, 1]);
    expect(res.data[0]?.embedding).toHaveLength(4);
    expect(Math.hypot(...res.data[0]!.embedding)).toBeCloseTo(1, 6);
    expect(res.data[0]?.embedding).not.toEqual(res.data[1]?.embedding);
  });

  it('serves moderations with flagged categories', async () => {
    server.onModerations((inputs) => inputs.map((t) => moderationResult(t.includes('attack') ? ['violence'] : [])));
    const res = await client.moderations.create({ input: ['hello', 'plan an attack'] });
    expect(res.results.map((r) => r.flagged)).toEqual([false, true]);
    expect(res.results[1]?.categories.violence).toBe(true);
  });

  it('rejects a wrong API key with 401 when a key is required', async () => {
    server.requireApiKey('sk-right');
    try {
      await expect(client.moderations.create({ input: 'x' })).rejects.toMatchObject({ status: 401 });
    } finally {
      server.requireApiKey(undefined);
    }
  });
});
