import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationTurn, QueryValue } from '../../core/values';
import { createTestContext } from '../../testing/context';
import { startOpenAIServer, type ChatRequestBody, type OpenAITestServer } from '../../testing/openai-server';
import { promptCondense } from './definition';
import { promptCondenseExecutor } from './execute';

const HISTORY: ConversationTurn[] = [
  { role: 'user', content: 'What is metformin used for?' },
  { role: 'assistant', content: 'It treats type 2 diabetes [1].' },
  { role: 'user', content: 'Is it safe in pregnancy?' },
  { role: 'assistant', content: 'The passages do not say.' },
];

describe('prompt.condense', () => {
  let server: OpenAITestServer;
  beforeAll(async () => {
    server = await startOpenAIServer();
  });
  afterAll(() => server.close());

  async function run(config: Record<string, unknown>, query: QueryValue) {
    const ctx = createTestContext();
    const out = (await promptCondenseExecutor.execute!(ctx, { query } as never, promptCondense.config.parse(config) as never)) as { query: QueryValue };
    return { query: out.query, ctx };
  }

  it('passes a question without history through unchanged, calling no model', async () => {
    const asked = server.requests.length;
    const query = { text: 'What is metformin used for?', topK: 5 };
    expect((await run({ mode: 'llm', baseUrl: server.url, model: 'tiny' }, query)).query).toEqual(query);
    expect(server.requests.length).toBe(asked);
  });

  it('append mode: searches with the latest earlier questions added, keeping the history for the prompt', async () => {
    const { query, ctx } = await run({}, { text: 'What are its side effects?', history: HISTORY, filters: { lang: 'en' } });
    expect(query.text).toBe('Is it safe in pregnancy?\nWhat are its side effects?');
    expect(query).toMatchObject({ history: HISTORY, filters: { lang: 'en' } });
    expect(ctx.metrics.rewritten).toBe(true);
    expect((await run({ turns: 5 }, { text: 'And its dose?', history: HISTORY })).query.text).toBe('What is metformin used for?\nIs it safe in pregnancy?\nAnd its dose?');
  });

  it('llm mode: sends the conversation and the follow-up to the model and searches with its standalone question', async () => {
    server.onChat(() => ({ content: '"What are the side effects of metformin?"' }));
    const { query, ctx } = await run({ mode: 'llm', baseUrl: server.url, model: 'tiny' }, { text: 'What are its side effects?', history: HISTORY });
    expect(query.text).toBe('What are the side effects of metformin?');
    expect(query.history).toEqual(HISTORY);
    const sent = server.requests.at(-1)!.body as ChatRequestBody;
    expect(sent).toMatchObject({ model: 'tiny', temperature: 0, stream: false });
    expect(sent.messages![0]!.content).toContain('Rewrite the follow-up question');
    expect(sent.messages![1]!.content).toContain('User: What is metformin used for?\nAssistant: It treats type 2 diabetes [1].');
    expect(sent.messages![1]!.content).toContain('Follow-up question: What are its side effects?');
    expect(ctx.metrics).toMatchObject({ rewritten: true, model: 'tiny' });
  });

  it('llm mode: keeps the question when the model replies with nothing or an answer instead of a question', async () => {
    server.onChat(() => ({ content: '   ' }));
    expect((await run({ mode: 'llm', baseUrl: server.url, model: 'tiny' }, { text: 'And its dose?', history: HISTORY })).query.text).toBe('And its dose?');
    server.onChat(() => ({ content: 'x'.repeat(1500) }));
    expect((await run({ mode: 'llm', baseUrl: server.url, model: 'tiny' }, { text: 'And its dose?', history: HISTORY })).query.text).toBe('And its dose?');
  });

  it('llm mode needs a model; a server that fails fails the node with its reason', async () => {
    expect(promptCondense.config.safeParse({ mode: 'llm' }).error?.issues[0]).toMatchObject({ path: ['model'], message: 'llm mode: name the model that rewrites the question' });
    server.onChat(() => ({ error: { status: 503, body: 'model is loading' } }));
    await expect(run({ mode: 'llm', baseUrl: server.url, model: 'tiny' }, { text: 'And its dose?', history: HISTORY })).rejects.toMatchObject({
      code: 'REMOTE_ERROR',
      message: expect.stringContaining('model is loading'),
    });
  });
});
