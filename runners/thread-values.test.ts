import { describe, expect, it } from 'vitest';
import { packNumberArrays, unpackNumberArrays } from './thread-values';

const vector = (n: number, seed = 1) => Array.from({ length: n }, (_, i) => Math.sin(i * seed) / 3);

describe('number arrays across the thread boundary', () => {
  it('carries vectors as Float64Array and restores them exactly, through a worker-style clone', () => {
    const outputs = [{ vector: { text: 'q', vector: vector(128), model: 'm', dims: 128 } }, { embedded: { chunks: [{ text: 'a' }], embeddings: [vector(128, 2), [], vector(128, 3)] } }];
    const packed = packNumberArrays(outputs);
    expect(packed[0]!.vector!.vector).toBeInstanceOf(Float64Array);
    expect((packed[1]!.embedded!.embeddings as unknown[])[0]).toBeInstanceOf(Float64Array);
    const restored = unpackNumberArrays(structuredClone(packed));
    expect(restored).toEqual(outputs);
    expect(Array.isArray(restored[0]!.vector!.vector)).toBe(true);
    // float64 keeps what float32 would round
    expect(restored[0]!.vector!.vector[1]).toBe(outputs[0]!.vector!.vector[1]);
  });

  it('leaves the original value untouched (an executor may keep it in a cache)', () => {
    const cached = { vector: vector(64) };
    const packed = packNumberArrays({ out: cached });
    expect(packed.out).not.toBe(cached);
    expect(Array.isArray(cached.vector)).toBe(true);
  });

  it('returns values without long number arrays as they are', () => {
    const value = { scores: [0.5, 0.25], tags: ['a', 'b'], mixed: [...vector(20), 'x'], nothing: null };
    expect(packNumberArrays(value)).toBe(value);
    expect(unpackNumberArrays(value)).toBe(value);
  });
});
