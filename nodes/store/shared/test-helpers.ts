import type { NodeContext, SqlClient } from '../../core/context';
import { createTestContext, type TestContext } from '../../testing/context';
import type { ChunkValue, DocumentValue, EmbeddedChunksValue } from '../../core/values';
import { sha256Hex } from './ids';

/** Test-only helpers for the store and retrieve nodes: the shared test context over a real SqlClient. */
export function testContext(sql: SqlClient, overrides: Partial<NodeContext> = {}): TestContext {
  return createTestContext({ sql, ...overrides });
}

export interface TestChunkSpec {
  text: string;
  vector?: number[];
  /** index of a parent chunk in the same document's list */
  parent?: number;
  isParent?: boolean;
  metadata?: Record<string, unknown>;
}

export interface TestDocSpec {
  sourceId: string;
  chunks: TestChunkSpec[];
  title?: string;
  metadata?: Record<string, unknown>;
}

/** Builds an EmbeddedChunksValue by hand, as an embedder would emit it (parents carry []). */
export function embeddedChunks(docs: TestDocSpec[], model = 'test-model', dims = 3): EmbeddedChunksValue {
  const documents: DocumentValue[] = [];
  const chunks: ChunkValue[] = [];
  const embeddings: number[][] = [];
  for (const spec of docs) {
    const text = spec.chunks.map((c) => c.text).join('\n');
    const docId = `doc-${spec.sourceId}`;
    documents.push({
      id: docId,
      sourceId: spec.sourceId,
      text,
      metadata: { source: spec.sourceId, title: spec.title ?? spec.sourceId, mimeType: 'text/plain', contentHash: sha256Hex(text), ...spec.metadata },
    });
    let offset = 0;
    spec.chunks.forEach((c, i) => {
      chunks.push({
        id: `${docId}-c${i}`,
        documentId: docId,
        sourceId: spec.sourceId,
        text: c.text,
        start: offset,
        end: offset + c.text.length,
        ordinal: i,
        ...(c.parent !== undefined && { parentId: `${docId}-c${c.parent}` }),
        ...(c.isParent && { isParent: true }),
        metadata: { title: spec.title ?? spec.sourceId, ...c.metadata },
      });
      offset += c.text.length + 1;
      embeddings.push(c.isParent ? [] : (c.vector ?? Array.from({ length: dims }, (_, k) => (k === i % dims ? 1 : 0.1))));
    });
  }
  return { documents, chunks, embeddings, model, dims };
}
