import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestModelHost } from '../../testing/context';
import { createTinyClassifier, type TinyModelDir } from '../../testing/tiny-onnx';
import { withSharedClassifier } from './shared-classifier';

/** A batch's classifier calls: merged into one model call, waiting only for items that may still ask. */
describe('withSharedClassifier', () => {
  let model: TinyModelDir;
  beforeAll(() => {
    model = createTinyClassifier({ words: { idiot: [0, 4], aspirin: [2, 0] }, labels: ['ok', 'toxic'], pooling: 'max' });
  });
  afterAll(() => model.remove());

  /** a context whose model host counts classifier calls (each call reads the labels through it once) */
  function counting() {
    const models = createTestModelHost();
    let calls = 0;
    const get: typeof models.get = (key, load) => {
      if (key.startsWith('classifier-labels:')) calls++;
      return models.get(key, load);
    };
    return { ctx: createTestContext({ models: { ...models, get } }), calls: () => calls };
  }

  it('classifies the texts of items that ask in one call, once the others have finished without asking', async () => {
    const { ctx, calls } = counting();
    const options = { modelDir: model.dir, maxLength: 32, activation: 'auto' as const };
    const items = ['you idiot', 'skip me', 'aspirin dose'];
    const results = await withSharedClassifier(items, () => ctx, async (text, classify) => {
      if (text === 'skip me') return 'not asked';
      await new Promise((r) => setTimeout(r, text === 'aspirin dose' ? 20 : 0)); // asks later than the first
      return (await classify(text, options)).top.label;
    });
    expect(results).toEqual(['toxic', 'not asked', 'ok']);
    expect(calls()).toBe(1);
  });

  it('classifies separately what different settings ask, and a second call of one item alone', async () => {
    const { ctx, calls } = counting();
    const base = { modelDir: model.dir, maxLength: 32, activation: 'auto' as const };
    const results = await withSharedClassifier(['idiot', 'aspirin'], () => ctx, async (text, classify) => {
      const first = await classify(text, text === 'idiot' ? base : { ...base, activation: 'sigmoid' });
      const again = await classify(text, base);
      return [first.top.label, again.top.label];
    });
    expect(results).toEqual([['toxic', 'toxic'], ['ok', 'ok']]);
    expect(calls()).toBe(4); // two settings merged nothing, then each item's second call alone
  });

  it('hands every asking item the error of a failed call, and items that throw do not hold the others', async () => {
    const { ctx } = counting();
    const missing = { modelDir: '/nonexistent/classifier', maxLength: 32, activation: 'auto' as const };
    const outcomes = await withSharedClassifier(['a', 'b', 'c'], () => ctx, async (text, classify) => {
      if (text === 'c') throw new Error('rule crashed');
      return classify(text, missing);
    }).catch((error: unknown) => error);
    expect(outcomes).toBeInstanceOf(Error);
    const settled = await Promise.allSettled(['a', 'b'].map((text) => withSharedClassifier([text], () => ctx, (t, classify) => classify(t, missing))));
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect((settled[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });
});
