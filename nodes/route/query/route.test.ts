import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryValue } from '../../core/values';
import { createTestContext, createTestModelHost } from '../../testing/context';
import { createTinyClassifier, type TinyModelDir } from '../../testing/tiny-onnx';
import { routeQuery } from './definition';
import { routeQueryExecutor } from './execute';
import { exampleVectors } from './choose-route';
import { loadGloveModel } from '../../embed/glove/glove-model';

type Outputs = Partial<Record<'route1' | 'route2' | 'route3' | 'route4' | 'fallback', QueryValue>>;

const models = createTestModelHost(); // GloVe and ONNX sessions stay warm across tests, as on a worker

async function route(text: string, config: Record<string, unknown>) {
  const ctx = createTestContext({ models });
  const query: QueryValue = { text, topK: 7 };
  const out = (await routeQueryExecutor.execute!(ctx, { query } as never, routeQuery.config.parse(config) as never)) as Outputs;
  const emitted = Object.entries(out).filter(([, v]) => v !== undefined);
  expect(emitted).toHaveLength(1); // exactly one output emits
  expect(emitted[0]![1]).toEqual(query); // the query passes through untouched
  return { port: emitted[0]![0], metrics: ctx.metrics };
}

describe('route.query rules mode', () => {
  const config = {
    route1Label: 'billing',
    route1Keywords: ['invoice', 'refund', 'credit card', '/\\bcharged?\\b/'],
    route2Label: 'medical',
    route2Keywords: ['side effect', 'dose', 'symptom'],
    route3Label: 'both-ish',
    route3Keywords: ['refund', 'dose'],
  };

  it('sends a question to the route whose keywords match, with stemming and phrases', async () => {
    expect((await route('What are the side effects of aspirin?', config)).port).toBe('route2');
    expect((await route('Where is my INVOICE?', config)).port).toBe('route1');
    expect((await route('Why was my credit cards charged twice?', config)).port).toBe('route1');
    expect((await route('Which doses are safe?', config)).port).toBe('route2');
  });

  it('prefers the route with more keyword hits, then the earlier route', async () => {
    const r = await route('refund for a wrong dose and my invoice', config);
    expect(r.port).toBe('route1'); // billing 2 hits, both-ish 2 hits, medical 1: tie → earlier route
    expect(r.metrics).toMatchObject({ route: 'billing', port: 'route1', routeScore: 2 });
    expect((await route('refund the dose', { ...config, route1Label: '' })).port).toBe('route3'); // route 1 unused now
  });

  it('falls back when nothing matches, or when no route is configured', async () => {
    expect((await route('How do vaccines train the immune system?', config)).port).toBe('fallback');
    expect((await route('anything', {})).port).toBe('fallback');
    // "dose" must match whole words, not "dosed"-like substrings of other words
    expect((await route('The closed endosome', config)).port).toBe('fallback');
  });

  it('rejects bad configs: invalid regex, duplicate labels, labelled route without keywords', () => {
    const issue = (c: Record<string, unknown>) => routeQuery.config.safeParse(c).error?.issues[0];
    expect(issue({ route1Label: 'a', route1Keywords: ['/(oops/'] })).toMatchObject({ path: ['route1Keywords', 0], message: expect.stringContaining('invalid regular expression') });
    expect(issue({ route1Label: 'a', route1Keywords: ['x'], route2Label: 'a', route2Keywords: ['y'] })?.message).toContain('already uses the label "a"');
    expect(issue({ route2Label: 'b' })?.message).toContain('at least one keyword');
    expect(issue({ mode: 'embedding', route1Label: 'a' })?.message).toContain('at least one example');
    expect(issue({ mode: 'classifier' })?.message).toContain('model directory');
    expect(routeQuery.config.safeParse({}).success).toBe(true);
  });

  it('fails with INVALID_CONFIG when handed an unvalidated bad regex', async () => {
    const raw = { ...routeQuery.config.parse({}), route1Label: 'a', route1Keywords: ['/(oops/'] };
    await expect(routeQueryExecutor.execute!(createTestContext(), { query: { text: 'x' } } as never, raw as never)).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });
});

describe('route.query embedding mode (GloVe)', () => {
  const config = {
    mode: 'embedding',
    route1Label: 'billing',
    route1Examples: ['How much does the subscription cost?', 'Why was my credit card charged twice?', 'How do I get a refund for my payment?'],
    route2Label: 'medical',
    route2Examples: ['What are the side effects of aspirin?', 'Does vitamin D supplementation prevent bone fractures?', 'Which drugs lower blood pressure?'],
  };

  it('picks the route of the most similar example', async () => {
    const medical = await route('What adverse reactions does ibuprofen cause in patients?', config);
    expect(medical.port).toBe('route2');
    expect(medical.metrics.routeScore).toBeGreaterThan(0.8);
    expect((await route('Can I get my money back for last month\'s bill?', config)).port).toBe('route1');
  }, 120_000); // the first GloVe load may build its binary cache

  it('takes the fallback below minSimilarity', async () => {
    const r = await route('What is the capital of Mongolia?', config);
    expect(r.port).toBe('fallback');
    expect(r.metrics.routeScore).toBeLessThan(0.8);
    expect((await route('Tell me a joke', config)).port).toBe('fallback');
    expect((await route('Tell me a joke', { ...config, minSimilarity: 0.5 })).port).toBe('route1'); // too permissive
    expect((await route('zzzqqq xxyyzz', config)).port).toBe('fallback'); // no known word: zero vector
  }, 120_000);
  it('embeds a config\'s examples once, not once per question', async () => {
    const glove = await loadGloveModel(models);
    let embedded = 0;
    const counting = { ...glove, embed: (texts: readonly string[]) => ((embedded += texts.length), glove.embed(texts)) };
    const first = exampleVectors(counting, config.route1Examples);
    expect(exampleVectors(counting, config.route1Examples)).toBe(first);
    expect(embedded).toBe(3);
    expect(exampleVectors(counting, config.route2Examples)).not.toBe(first); // another set of examples is embedded
    expect(embedded).toBe(6);
    expect(first[0]).toEqual(glove.embed([config.route1Examples[0]!])[0]);
  }, 120_000);
});

describe('route.query classifier mode (ONNX)', () => {
  let model: TinyModelDir;
  beforeAll(() => {
    model = createTinyClassifier({
      words: { invoice: [4, 0, 0], refund: [3, 0, 0], aspirin: [0, 4, 0], dose: [0, 3, 0], hello: [0, 0, 1] },
      labels: ['billing', 'medical', 'chitchat'],
      pooling: 'max',
    });
  });
  afterAll(() => model.remove());

  it('routes by the top label when a route carries it and it clears the threshold', async () => {
    const config = { mode: 'classifier', classifierModelDir: model.dir, route1Label: 'medical', route2Label: 'billing', classifierThreshold: 0.8 };
    const medical = await route('aspirin dose', config);
    expect(medical.port).toBe('route1');
    expect(medical.metrics.routeScore).toBeCloseTo(Math.exp(4) / (Math.exp(4) + 2), 5);
    expect((await route('my invoice', config)).port).toBe('route2');
    // "chitchat" has no route; "hello" gives softmax([0,0,1]) = 0.58 < 0.8 anyway
    expect((await route('hello', config)).port).toBe('fallback');
    expect((await route('hello', { ...config, route3Label: 'chitchat', classifierThreshold: 0.5 })).port).toBe('route3');
  });

  it('reports a missing model as MODEL_UNAVAILABLE', async () => {
    await expect(route('x', { mode: 'classifier', classifierModelDir: '/nonexistent/router', route1Label: 'a' })).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
});
