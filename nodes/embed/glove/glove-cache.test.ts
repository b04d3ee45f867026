import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tiny-onnx';
import { buildGloveCache, loadGloveMatrix, parseNumbers, parseWinkJson, readGloveCache } from './glove-cache';

/** A small file in wink-embeddings' exact layout (3-d vectors + l2norm + index), with awkward words. */
function winkJson(entries: [string, number[]][]): string {
  const words = entries.map(([w]) => w);
  const vectors = Object.fromEntries(
    entries.map(([w, v], i) => [w, [...v, Math.hypot(...v), i]]),
  );
  // "vectors" is also a word in the real vocabulary: the parser must not mistake it for the object
  return JSON.stringify({ precision: 8, l2NormIndex: 3, wordIndex: 4, size: entries.length, dimensions: 3, words, vectors, unkVector: [0, 0, 0, 0, -1] });
}

const ENTRIES: [string, number[]][] = [
  ['the', [0.1, -0.2, 0.3]],
  [',', [1e-5, 2.5e3, -7]],
  ['"', [0.5, 0.25, -0.125]],
  ['vectors', [-1.5, 0, 2]],
  ['naïve', [3, 2, 1]],
  ['back\\slash', [0, 0, 1]],
  ['cross-country', [0.333333, -0.666667, 0.999999]],
];

describe('GloVe binary cache', () => {
  it('streams the wink JSON into rows by index, whatever the chunk boundaries', async () => {
    const dir = makeTempDir();
    const source = join(dir, 'wink.json');
    writeFileSync(source, winkJson(ENTRIES));
    for (const chunkBytes of [7, 64, 1 << 20]) {
      const matrix = await parseWinkJson(source, chunkBytes);
      expect(matrix.words).toEqual(ENTRIES.map(([w]) => w));
      expect(matrix.dims).toBe(3);
      ENTRIES.forEach(([, v], i) => v.forEach((x, d) => expect(matrix.vectors[i * 3 + d]).toBeCloseTo(x, 5)));
    }
  });

  it('round-trips through the binary file and leaves no temp files', async () => {
    const dir = makeTempDir();
    const source = join(dir, 'wink.json');
    const target = join(dir, 'cache', 'glove.bin');
    writeFileSync(source, winkJson(ENTRIES));
    await buildGloveCache(source, target, { chunkBytes: 16 });
    const matrix = await readGloveCache(target);
    expect(matrix.words).toEqual(ENTRIES.map(([w]) => w));
    expect(Array.from(matrix.vectors.subarray(9, 12))).toEqual([-1.5, 0, 2]); // row 3: "vectors"
    expect(readdirSync(join(dir, 'cache'))).toEqual(['glove.bin']);
  });

  it('builds once when several loads race for a missing cache', async () => {
    const dir = makeTempDir();
    const source = join(dir, 'wink.json');
    const cachePath = join(dir, 'c', 'glove.bin');
    writeFileSync(source, winkJson(ENTRIES));
    const results = await Promise.all([1, 2, 3].map(() => loadGloveMatrix({ cachePath, sourcePath: source })));
    for (const m of results) expect(m.words.length).toBe(ENTRIES.length);
    expect(existsSync(`${cachePath}.lock`)).toBe(false);
    expect(readdirSync(join(dir, 'c'))).toEqual(['glove.bin']);
  });

  it('reports a corrupt cache and a truncated source as CORRUPT_FILE', async () => {
    const dir = makeTempDir();
    const bad = join(dir, 'bad.bin');
    writeFileSync(bad, 'GLOVEBIN garbage');
    await expect(readGloveCache(bad)).rejects.toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringContaining('delete it to rebuild') });
    const source = join(dir, 'cut.json');
    const full = winkJson(ENTRIES);
    writeFileSync(source, full.slice(0, full.indexOf('"naïve"')));
    await expect(parseWinkJson(source, 32)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    const notWink = join(dir, 'other.json');
    writeFileSync(notWink, JSON.stringify({ hello: 'x'.repeat(5000) }));
    await expect(parseWinkJson(notWink, 1024)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });
});

describe('parseNumbers', () => {
  it('parses decimals, signs and exponents like Number()', () => {
    const text = '[-0.038194,5.821154,0,1e-05,-2.5E3,12345678901234567000,0.000001]';
    const out = new Float64Array(16);
    const count = parseNumbers(text, 1, text.length - 1, out);
    expect(count).toBe(7);
    const expected = [-0.038194, 5.821154, 0, 1e-5, -2500, 1.2345678901234567e19, 0.000001];
    // relative error: beyond 15 significant digits the parser rounds (vectors are stored as float32)
    expected.forEach((x, i) => expect(Math.abs(out[i]! - x)).toBeLessThanOrEqual(Math.abs(x) * 1e-14 + 1e-15));
  });

  it('refuses something that is not a number', () => {
    const text = '1,abc,2';
    expect(() => parseNumbers(text, 0, text.length, new Float64Array(4))).toThrow(/not a number/);
  });
});
