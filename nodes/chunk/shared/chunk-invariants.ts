import { expect } from 'vitest';
import type { ChunksValue } from '../../core/values';
import { chunksValue } from '../../core/values';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Test helper: what every chunker's output must satisfy. Chunk text is exactly the document's text
 * between the offsets; ids are unique UUIDs; chunks are numbered 0..n-1 per document in reading
 * order; a parentId names a parent emitted earlier whose span contains the chunk.
 */
export function expectValidChunks(value: ChunksValue): void {
  expect(chunksValue.safeParse(value).success).toBe(true);
  const docs = new Map(value.documents.map((d) => [d.id, d]));
  const seen = new Map<string, ChunksValue['chunks'][number]>();
  const ordinals = new Map<string, number>();
  for (const chunk of value.chunks) {
    const doc = docs.get(chunk.documentId);
    expect(doc, `chunk ${chunk.id} names an unknown document`).toBeDefined();
    expect(chunk.sourceId).toBe(doc!.sourceId);
    expect(chunk.text).toBe(doc!.text.slice(chunk.start, chunk.end));
    expect(chunk.text.trim()).toBe(chunk.text);
    expect(chunk.text.length).toBeGreaterThan(0);
    expect(chunk.id).toMatch(UUID);
    expect(seen.has(chunk.id), `duplicate id ${chunk.id}`).toBe(false);
    expect(chunk.metadata.title).toBe(doc!.metadata.title);
    expect(chunk.metadata.source).toBe(doc!.metadata.source);
    if (chunk.parentId !== undefined) {
      const parent = seen.get(chunk.parentId);
      expect(parent?.isParent, `parent ${chunk.parentId} must be emitted before its chunk`).toBe(true);
      expect(parent!.start).toBeLessThanOrEqual(chunk.start);
      expect(parent!.end).toBeGreaterThanOrEqual(chunk.end);
    }
    if (!chunk.isParent) {
      const expected = ordinals.get(chunk.documentId) ?? 0;
      expect(chunk.ordinal).toBe(expected);
      ordinals.set(chunk.documentId, expected + 1);
    }
    seen.set(chunk.id, chunk);
  }
}
