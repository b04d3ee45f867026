import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePgvectorConfig } from '../../nodes/store/pgvector/definition';
import { storePgvectorExecutor } from '../../nodes/store/pgvector/execute';
import { embeddedChunks, testContext } from '../../nodes/store/shared/test-helpers';
import { dbBackends, openTestDb, type TestDb } from '../testing/db';
import { createCollection, deleteCollection, deleteDocument, getCollection, listCollections, listDocuments } from './collections';
import { listDocumentChunks } from './document-chunks';

describe.each(dbBackends())('collections service on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
    const value = embeddedChunks([
      { sourceId: 'one.md', title: 'One', chunks: [{ text: 'Whole section.', isParent: true }, { text: 'alpha beta', parent: 0 }, { text: 'gamma', parent: 0 }] },
      { sourceId: 'two.md', title: 'Two', chunks: [{ text: 'delta epsilon zeta' }] },
    ]);
    await storePgvectorExecutor.execute!(testContext(db.sql), { chunks: value }, storePgvectorConfig.parse({ collection: 'notes', indexTitle: false, indexThreshold: 0 }));
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const counters = async () => {
    const [row] = await db.sql.query<{ chunk_count: number; total_tokens: string | number }>("SELECT chunk_count, total_tokens FROM collection WHERE name = 'notes'");
    return { chunks: row!.chunk_count, tokens: Number(row!.total_tokens) };
  };

  it('lists collections with document and chunk counts', async () => {
    await createCollection(db, { name: 'empty', description: 'nothing yet' });
    const list = await listCollections(db);
    expect(list.map((c) => [c.name, c.documentCount, c.chunkCount, c.indexedChunkCount, c.embeddingModel, c.dims])).toEqual([
      ['empty', 0, 0, 0, null, null],
      ['notes', 2, 4, 3, 'test-model', 3],
    ]);
  });

  it('refuses a duplicate or malformed name and reports a missing collection', async () => {
    await expect(createCollection(db, { name: 'notes' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(createCollection(db, { name: 'no spaces' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(getCollection(db, 'ghost')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('ghost') });
  });

  it('lists and searches documents', async () => {
    const all = await listDocuments(db, 'notes');
    expect(all.total).toBe(2);
    expect(all.documents.map((d) => [d.sourceId, d.title, d.chunkCount])).toEqual([
      ['one.md', 'One', 2],
      ['two.md', 'Two', 1],
    ]);
    const found = await listDocuments(db, 'notes', { search: 'TWO' });
    expect(found.documents.map((d) => d.sourceId)).toEqual(['two.md']);
  });

  it("shows a document's chunks in reading order with what was indexed for each", async () => {
    const { document, total, chunks } = await listDocumentChunks(db, 'notes', 'one.md');
    expect([document.sourceId, document.title, total]).toEqual(['one.md', 'One', 3]);
    // the parent comes first; its children point at it, are embedded and carry their BM25 length
    const parent = chunks[0]!;
    expect(chunks.map((c) => [c.text, c.isParent, c.embedded, c.tokenCount, c.parentChunkId])).toEqual([
      ['Whole section.', true, false, 0, null],
      ['alpha beta', false, true, 2, parent.id],
      ['gamma', false, true, 1, parent.id],
    ]);
    expect(chunks[1]!.ordinal).toBeLessThan(chunks[2]!.ordinal);
    const page = await listDocumentChunks(db, 'notes', 'one.md', { limit: 1, offset: 2 });
    expect([page.total, page.chunks.map((c) => c.text)]).toEqual([3, ['gamma']]);
    await expect(listDocumentChunks(db, 'notes', 'three.md')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('three.md') });
    await expect(listDocumentChunks(db, 'ghost', 'one.md')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('ghost') });
  });

  it('lists small-to-big chunks in reading order: each parent before the chunks inside it', async () => {
    // as the sentence-window chunker numbers them: parents 0..1 and chunks 0..2, each in its own sequence
    const value = embeddedChunks([
      { sourceId: 'window.md', chunks: [{ text: 'First. Second.', isParent: true }, { text: 'Third.', isParent: true }, { text: 'First.', parent: 0 }, { text: 'Second.', parent: 0 }, { text: 'Third.', parent: 1 }] },
    ]);
    const spans = [[0, 14, 0], [15, 21, 1], [0, 6, 0], [7, 14, 1], [15, 21, 2]] as const;
    value.chunks.forEach((chunk, i) => Object.assign(chunk, { start: spans[i]![0], end: spans[i]![1], ordinal: spans[i]![2] }));
    await storePgvectorExecutor.execute!(testContext(db.sql), { chunks: value }, storePgvectorConfig.parse({ collection: 'windows', indexTitle: false, indexThreshold: 0 }));
    try {
      const { chunks } = await listDocumentChunks(db, 'windows', 'window.md');
      expect(chunks.map((c) => [c.text, c.isParent])).toEqual([
        ['First. Second.', true],
        ['First.', false],
        ['Second.', false],
        ['Third.', true],
        ['Third.', false],
      ]);
    } finally {
      await deleteCollection(db, 'windows');
    }
  });

  it('deletes a document with its chunks and postings and keeps BM25 counters exact', async () => {
    expect(await counters()).toEqual({ chunks: 3, tokens: 6 });
    expect(await deleteDocument(db, 'notes', 'one.md')).toEqual({ deletedChunks: 3 });
    expect(await counters()).toEqual({ chunks: 1, tokens: 3 });
    const [postings] = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM chunk_term WHERE term IN ('alpha', 'beta', 'gamma')");
    expect(postings!.n).toBe(0);
    await expect(deleteDocument(db, 'notes', 'one.md')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes a collection with its HNSW index', async () => {
    const indexes = async () => (await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_indexes WHERE indexname LIKE 'chunk_hnsw_%'"))[0]!.n;
    expect(await indexes()).toBe(1);
    expect(await deleteCollection(db, 'notes')).toEqual({ deletedDocuments: 1 });
    expect(await indexes()).toBe(0);
    const [left] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM chunk');
    expect(left!.n).toBe(0);
    expect((await listCollections(db)).map((c) => c.name)).toEqual(['empty']);
  });
});
