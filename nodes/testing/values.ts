import type { ChunksValue, ChunkValue, RetrievedItem, RetrievedValue } from '../core/values';

/** A ChunksValue for tests: one document holding `texts` as consecutive chunks; `parents` marks parent chunks by index. */
export function chunksOf(texts: readonly string[], options: { parents?: readonly number[]; documentId?: string } = {}): ChunksValue {
  const documentId = options.documentId ?? 'doc-1';
  const full = texts.join('\n');
  let start = 0;
  const chunks: ChunkValue[] = texts.map((text, ordinal) => {
    const chunk: ChunkValue = {
      id: `${documentId}#${ordinal}`,
      documentId,
      sourceId: `${documentId}.txt`,
      text,
      start,
      end: start + text.length,
      ordinal,
      metadata: {},
      ...(options.parents?.includes(ordinal) ? { isParent: true } : {}),
    };
    start += text.length + 1;
    return chunk;
  });
  return {
    documents: [
      {
        id: documentId,
        sourceId: `${documentId}.txt`,
        text: full,
        metadata: { source: `${documentId}.txt`, title: documentId, mimeType: 'text/plain', contentHash: `hash-${documentId}` },
      },
    ],
    chunks,
  };
}

/** A RetrievedValue for tests: passages in retrieval order with descending scores. */
export function retrievedOf(query: string, passages: readonly string[], options: { scores?: readonly number[] } = {}): RetrievedValue {
  const items: RetrievedItem[] = passages.map((text, i) => ({
    chunkId: `c${i}`,
    documentId: `d${i}`,
    sourceId: `s${i}`,
    text,
    score: options.scores?.[i] ?? 1 / (i + 1),
    metadata: {},
  }));
  return { query, items };
}
