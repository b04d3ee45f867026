import { describe, expect, it } from 'vitest';
import { assertFilesFit } from '../../../server/services/file-limits';
import type { GraphSpec } from '../../core/spec';
import { fileBytes, firstOversizeFile } from './file-size';

const file = (name: string, bytes: number, declared?: number) => ({ name, contentBase64: Buffer.alloc(bytes, 0x61).toString('base64'), ...(declared !== undefined && { size: declared }) });

describe('File input size rule', () => {
  it('measures a file by its base64, whatever size the client declares', () => {
    expect(fileBytes(file('a.txt', 2048, 1))).toBe(2048);
    expect(firstOversizeFile([file('ok.txt', 1000), file('big.txt', 2048, 1), file('bigger.txt', 4096)], 0.001)).toMatchObject({ file: { name: 'big.txt' }, bytes: 2048 });
    expect(firstOversizeFile([file('ok.txt', 1000)], 0.001)).toBeUndefined();
  });

  it("is what the upload routes apply before a run: a declared size does not get a file past the graph's File input", () => {
    const spec: GraphSpec = { schemaVersion: 1, nodes: [{ id: 'files', type: 'io.file-input', typeVersion: 1, config: { maxFileMB: 0.001 }, position: { x: 0, y: 0 } }], edges: [] };
    expect(() => assertFilesFit(spec, 'the ingestion graph "g"', [file('big.txt', 2048, 1)])).toThrow(
      'file "big.txt" is 2.0 KB; the ingestion graph "g" accepts at most 0.001 MB per file',
    );
    expect(() => assertFilesFit(spec, 'the ingestion graph "g"', [file('ok.txt', 1000)])).not.toThrow();
    // a graph without a File input has no such limit here
    expect(() => assertFilesFit({ ...spec, nodes: [] }, 'the ingestion graph "g"', [file('big.txt', 2048)])).not.toThrow();
  });
});
