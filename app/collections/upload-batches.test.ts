import { describe, expect, it } from 'vitest';
import { batchFiles, oversizedFiles, uploadFraction } from './upload-batches';

const f = (name: string, size: number) => ({ name, size });

describe('browser upload batches', () => {
  it('packs files in order under the byte budget', () => {
    expect(batchFiles([f('a', 40), f('b', 50), f('c', 20), f('d', 100), f('e', 1)], 100)).toEqual([[0, 1], [2], [3], [4]]);
    expect(batchFiles([], 100)).toEqual([]);
  });

  it('gives a file larger than the budget a batch of its own', () => {
    expect(batchFiles([f('a', 10), f('big', 500), f('b', 10)], 100)).toEqual([[0], [1], [2]]);
  });

  it('names files too large for the browser upload and where to send them instead', () => {
    const [reason] = oversizedFiles([f('small.md', 10), f('huge.pdf', 12 * 1024 * 1024)], 6 * 1024 * 1024);
    expect(oversizedFiles([f('small.md', 10)], 100)).toEqual([]);
    expect(reason).toContain('huge.pdf is 12.0 MB');
    expect(reason).toContain('/api/v1/collections/{name}/documents');
  });

  it('reports overall progress across batches', () => {
    expect(uploadFraction([100, 300], 0, 50, 100)).toBeCloseTo(50 / 400);
    expect(uploadFraction([100, 300], 1, 150, 300)).toBeCloseTo(250 / 400);
    expect(uploadFraction([100, 300], 1, 300, 300)).toBe(1);
    expect(uploadFraction([], 0, 0, 0)).toBe(1);
  });
});
