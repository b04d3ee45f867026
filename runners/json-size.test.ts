import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../nodes/testing/random';
import { jsonBytesLowerBound } from './json-size';

const utf8Json = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** Random JSON-like values: nested objects and arrays of strings (some non-ASCII), numbers, literals. */
function randomValue(random: () => number, depth = 0): unknown {
  const pick = random();
  if (depth < 4 && pick < 0.2) return Array.from({ length: Math.floor(random() * 6) }, () => randomValue(random, depth + 1));
  if (depth < 4 && pick < 0.4) {
    return Object.fromEntries(Array.from({ length: Math.floor(random() * 6) }, (_, i) => [`k${i}${'é'.repeat(Math.floor(random() * 3))}`, randomValue(random, depth + 1)]));
  }
  if (pick < 0.6) return ['plain', 'naïve — “quoted”', 'line\nbreak "and" \\ slash', '😀 emoji', '\u0000nul', ''][Math.floor(random() * 6)];
  if (pick < 0.75) return random() * 1e6 - 5e5;
  if (pick < 0.85) return random() < 0.5;
  if (pick < 0.9) return undefined;
  return null;
}

describe('jsonBytesLowerBound', () => {
  it('never counts more bytes than the JSON has', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 2000; i++) {
      const value = { outputs: randomValue(random), runOutput: {} };
      expect(jsonBytesLowerBound(value)).toBeLessThanOrEqual(utf8Json(value));
    }
  });

  it('comes close for the chunks and vectors that make outputs large', () => {
    const chunks = Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, text: 'word '.repeat(300), embedding: Array.from({ length: 100 }, () => 0.5) }));
    const exact = utf8Json({ chunks });
    const bound = jsonBytesLowerBound({ chunks });
    expect(bound).toBeLessThanOrEqual(exact);
    // the text dominates: the bound is within a third of the real size
    expect(bound).toBeGreaterThan(exact * 0.66);
  });

  it('stops counting once past the limit', () => {
    const texts = Array.from({ length: 100 }, () => 'x'.repeat(100_000)); // 10 MB of JSON
    const bound = jsonBytesLowerBound({ texts }, 250_000);
    expect(bound).toBeGreaterThan(250_000);
    expect(bound).toBeLessThan(400_000); // three strings past the limit, not all hundred
  });

  it('counts a Date, typed arrays and omitted fields as JSON writes them, never above', () => {
    const value = { at: new Date(0), vector: new Float32Array(10), gone: undefined, fn: () => 1 };
    expect(jsonBytesLowerBound(value)).toBeLessThanOrEqual(utf8Json(value));
  });
});
