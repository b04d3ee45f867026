import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isNodeError } from '../../core/errors';
import type { ChunksValue, DocumentValue, FileValue } from '../../core/values';
import { parseDocumentConfig } from '../../parse/document/definition';
import { parseDocumentExecutor } from '../../parse/document/execute';
import { expectValidChunks } from '../shared/chunk-invariants';
import { createTestContext } from '../../testing/context';
import { recursiveChunkConfig } from './definition';
import { recursiveChunkExecutor } from './execute';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'parse', 'fixtures');

async function parseFiles(files: FileValue[]): Promise<DocumentValue[]> {
  const out = await parseDocumentExecutor.execute!(createTestContext(), { files }, parseDocumentConfig.parse({}));
  return (out as { documents: DocumentValue[] }).documents;
}

function markdownFile(name: string, text: string): FileValue {
  return { name, contentBase64: Buffer.from(text).toString('base64') };
}

async function chunk(documents: DocumentValue[], config: Record<string, unknown> = {}): Promise<ChunksValue> {
  const out = await recursiveChunkExecutor.execute!(createTestContext(), { documents }, recursiveChunkConfig.parse(config));
  return (out as { chunks: ChunksValue }).chunks;
}

const sentence = (topic: string, i: number) => `The ${topic} note number ${i} explains one more detail about ${topic}.`;
const paragraphs = (topic: string, count: number, perParagraph = 3) =>
  Array.from({ length: count }, (_, p) => Array.from({ length: perParagraph }, (_, s) => sentence(topic, p * perParagraph + s)).join(' ')).join('\n\n');

const GUIDE = [
  '# Tea Guide',
  '',
  paragraphs('history', 2),
  '',
  '## Brewing',
  '',
  '### Green',
  '',
  paragraphs('green tea', 6),
  '',
  '### Black',
  '',
  paragraphs('black tea', 2),
  '',
  '## Storage',
  '',
  paragraphs('storage', 1),
].join('\n');

describe('chunk.recursive', () => {
  it('keeps chunks inside heading sections, within size, with exact offsets and heading paths', async () => {
    const docs = await parseFiles([markdownFile('guide.md', GUIDE)]);
    const value = await chunk(docs, { chunkSize: 400, overlap: 0 });
    expectValidChunks(value);
    const doc = docs[0]!;
    expect(value.documents).toEqual(docs);
    for (const c of value.chunks) {
      expect(c.text.length).toBeLessThanOrEqual(400);
      // a chunk touches one section with content (heading-only sections merge into the next one)
      const touched = doc.sections!.filter((s) => s.start < c.end && c.start < s.end);
      const withContent = touched.filter((s) => !/^(#{1,6} .*\s*)+$/.test(doc.text.slice(s.start, s.end).trim()));
      expect(withContent, `chunk "${c.text.slice(0, 40)}" crosses a section boundary`).toHaveLength(1);
    }
    const byTopic = (topic: string) => value.chunks.filter((c) => c.text.includes(`The ${topic} note`));
    expect(byTopic('green tea').every((c) => c.headingPath?.join(' > ') === 'Tea Guide > Brewing > Green')).toBe(true);
    expect(byTopic('black tea').every((c) => c.headingPath?.join(' > ') === 'Tea Guide > Brewing > Black')).toBe(true);
    expect(byTopic('storage')[0]!.metadata.headingPath).toEqual(['Tea Guide', 'Storage']);
    expect(byTopic('green tea').length).toBeGreaterThan(2);
    // the heading-only "## Brewing" section joins "### Green" instead of becoming a chunk of its own
    expect(value.chunks.some((c) => c.text === '## Brewing')).toBe(false);
    expect(value.chunks.find((c) => c.text.startsWith('## Brewing'))!.text).toContain('### Green');
    // every non-space character of the document is in some chunk
    const covered = new Set<number>();
    for (const c of value.chunks) for (let i = c.start; i < c.end; i++) covered.add(i);
    for (let i = 0; i < doc.text.length; i++) if (/\S/.test(doc.text[i]!)) expect(covered.has(i)).toBe(true);
  });

  it('overlaps consecutive chunks of a section by whole sentences', async () => {
    const docs = await parseFiles([markdownFile('long.txt', paragraphs('overlap', 1, 40))]);
    const value = await chunk(docs, { chunkSize: 300, overlap: 120 });
    expectValidChunks(value);
    expect(value.chunks.length).toBeGreaterThan(5);
    for (let i = 1; i < value.chunks.length; i++) {
      const [prev, next] = [value.chunks[i - 1]!, value.chunks[i]!];
      expect(next.start).toBeLessThan(prev.end); // they overlap
      expect(prev.end - next.start).toBeLessThanOrEqual(120);
      expect(next.text.startsWith('The overlap note')).toBe(true); // at a sentence start
    }
    const none = await chunk(docs, { chunkSize: 300, overlap: 0 });
    for (let i = 1; i < none.chunks.length; i++) expect(none.chunks[i]!.start).toBeGreaterThanOrEqual(none.chunks[i - 1]!.end);
  });

  it('emits parent chunks first and points each small chunk at the parent that contains it', async () => {
    const docs = await parseFiles([markdownFile('guide.md', GUIDE)]);
    const value = await chunk(docs, { chunkSize: 200, overlap: 0, parentSize: 800 });
    expectValidChunks(value);
    const parents = value.chunks.filter((c) => c.isParent);
    const children = value.chunks.filter((c) => !c.isParent);
    expect(parents.length).toBeGreaterThan(1);
    expect(children.length).toBeGreaterThan(parents.length);
    expect(parents.every((p) => p.text.length <= 800 && p.parentId === undefined)).toBe(true);
    expect(children.every((c) => c.parentId !== undefined && c.text.length <= 200)).toBe(true);
    expect(parents.map((p) => p.ordinal)).toEqual(parents.map((_, i) => i));
    // every parent is used, and the children of a parent tile its text
    for (const p of parents) {
      const own = children.filter((c) => c.parentId === p.id);
      expect(own.length).toBeGreaterThan(0);
      expect(own[0]!.start).toBe(p.start);
      expect(own[own.length - 1]!.end).toBe(p.end);
    }
  });

  it('carries PDF page numbers onto chunks', async () => {
    const pdf = await readFile(join(fixtures, 'report.pdf'));
    const docs = await parseFiles([{ name: 'report.pdf', contentBase64: pdf.toString('base64') }]);
    const value = await chunk(docs, { chunkSize: 60, overlap: 0 });
    expectValidChunks(value);
    const pageOf = (words: string) => value.chunks.find((c) => c.text.includes(words))?.page;
    expect(pageOf('photosynthesis')).toBe(1);
    expect(pageOf('drip irrigation')).toBe(2);
    expect(pageOf('Ladybirds eat')).toBe(3);
    expect(value.chunks.every((c) => c.metadata.page === c.page && c.metadata.mimeType === 'application/pdf')).toBe(true);
  });

  it('lets chunks cross sections when respectSections is off', async () => {
    const docs = await parseFiles([markdownFile('guide.md', GUIDE)]);
    const value = await chunk(docs, { chunkSize: 3000, overlap: 0, respectSections: false });
    expectValidChunks(value);
    expect(value.chunks).toHaveLength(1);
    expect(value.chunks[0]!.text).toBe(GUIDE.trim());
  });

  it('gives the same ids for the same input and different ids for changed text', async () => {
    const docs = await parseFiles([markdownFile('guide.md', GUIDE)]);
    const a = await chunk(docs, { chunkSize: 300 });
    const b = await chunk(docs, { chunkSize: 300 });
    expect(b.chunks.map((c) => c.id)).toEqual(a.chunks.map((c) => c.id));
    const changed = await parseFiles([markdownFile('guide.md', GUIDE.replace('note number 0 ', 'note number zero '))]);
    const c = await chunk(changed, { chunkSize: 300 });
    expect(c.chunks[0]!.id).not.toBe(a.chunks[0]!.id);
    expect(c.chunks[c.chunks.length - 1]!.id).toBe(a.chunks[a.chunks.length - 1]!.id);
  });

  it('chunks documents without sections and several documents at once', async () => {
    const plain: DocumentValue = {
      id: '00000000-0000-8000-8000-000000000001',
      sourceId: 'api',
      text: '  Short text given directly.  ',
      metadata: { source: 'api', title: 'Direct', mimeType: 'text/plain', contentHash: 'x' },
    };
    const docs = [plain, ...(await parseFiles([markdownFile('guide.md', GUIDE)]))];
    const value = await chunk(docs);
    expectValidChunks(value);
    expect(value.chunks[0]).toMatchObject({ text: 'Short text given directly.', start: 2, end: 28, ordinal: 0, documentId: plain.id });
    expect(value.chunks[0]!.headingPath).toBeUndefined();
    expect(new Set(value.chunks.map((c) => c.documentId)).size).toBe(2);
    expect((await chunk([])).chunks).toEqual([]);
  });

  it('refuses overlap ≥ chunkSize and parentSize ≤ chunkSize with INVALID_CONFIG', async () => {
    expect(recursiveChunkConfig.safeParse({ chunkSize: 100, overlap: 100 }).success).toBe(false);
    expect(recursiveChunkConfig.safeParse({ chunkSize: 500, parentSize: 400 }).success).toBe(false);
    const error = await recursiveChunkExecutor.execute!(createTestContext(), { documents: [] }, { chunkSize: 100, overlap: 150, parentSize: 0, respectSections: true }).catch((e: unknown) => e);
    expect(isNodeError(error) && error.code).toBe('INVALID_CONFIG');
  });
});
