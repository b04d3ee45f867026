import type { ChunkValue, DocumentValue, EmbeddedChunksValue } from '../../core/values';
import { NodeError } from '../../core/errors';
import { ANALYZER_ID } from '../../search/analyzer';
import { sha256Hex, uuidFromParts } from '../shared/ids';

/**
 * Turns an embedded-chunks value into rows to write, per document, before touching the database:
 * validates shapes (one vector per chunk, right dims, chunks pointing at known documents and parents),
 * derives stable row ids and a fingerprint of everything that was indexed.
 */
export interface PlannedChunk {
  id: string;
  parentId: string | null;
  ordinal: number;
  text: string;
  metadata: Record<string, unknown>;
  isParent: boolean;
  /** pgvector literal, null for parents */
  embedding: number[] | null;
  /**
   * the text BM25 indexes (title-prefixed when titles are indexed), null for parents. Its terms are
   * counted when its rows are written, a statement at a time (write.ts), not here for every chunk
   */
  lexicalText: string | null;
}

export interface PlannedDocument {
  sourceId: string;
  title: string;
  mimeType: string;
  contentHash: string;
  metadata: Record<string, unknown>;
  fingerprint: string;
  /** parents first, so children's parent_chunk_id references rows already written */
  chunks: PlannedChunk[];
}

/** Document metadata that is bulky or internal: not copied onto every chunk. */
const DOC_FIELDS_NOT_ON_CHUNKS = new Set(['contentHash', 'sections', 'errors']);

/** Postgres text and jsonb refuse NUL characters; parsers occasionally leave them in. */
const stripNul = (text: string) => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);

export interface PlanOptions {
  /** prefix each chunk's lexical text with its document title (unless the chunk starts with it) */
  indexTitle: boolean;
}

/**
 * The text a chunk is lexically indexed by when titles are indexed: the document title on a line
 * of its own before the chunk, unless the chunk already starts with it (the first chunk of most
 * documents). cli/eval/tune-retrieval.ts indexes with the same rule.
 */
export function titledText(title: string, text: string): string {
  return title && !text.trimStart().startsWith(title) ? `${title}\n${text}` : text;
}

export function planDocuments(value: EmbeddedChunksValue, collectionId: string, options: PlanOptions = { indexTitle: true }): PlannedDocument[] {
  const { documents, chunks, embeddings, model, dims } = value;
  if (embeddings.length !== chunks.length) {
    throw new NodeError('INVALID_INPUT', `embedded chunks carry ${embeddings.length} vectors for ${chunks.length} chunks: the embedder must return one per chunk (empty for parents)`);
  }
  const bySource = new Map<string, DocumentValue>();
  const sourceOfDocId = new Map<string, string>();
  for (const doc of documents) {
    if (!doc.sourceId) throw new NodeError('INVALID_INPUT', `document ${doc.id} has no sourceId`);
    bySource.set(doc.sourceId, doc); // the same source twice in one input: the last one wins
    sourceOfDocId.set(doc.id, doc.sourceId);
  }
  const chunksBySource = new Map<string, { chunk: ChunkValue; embedding: number[] }[]>();
  chunks.forEach((chunk, i) => {
    const sourceId = sourceOfDocId.get(chunk.documentId);
    if (sourceId === undefined) {
      throw new NodeError('INVALID_INPUT', `chunk ${chunk.id} belongs to document ${chunk.documentId}, which is not among the input documents`);
    }
    if (bySource.get(sourceId)!.id !== chunk.documentId) return; // chunk of a superseded duplicate
    const embedding = embeddings[i]!;
    if (!chunk.isParent && embedding.length !== dims) {
      throw new NodeError('DIMENSION_MISMATCH', `chunk ${chunk.id} has a ${embedding.length}-d vector, but the input says ${model} makes ${dims}-d vectors`);
    }
    const list = chunksBySource.get(sourceId) ?? [];
    list.push({ chunk, embedding });
    chunksBySource.set(sourceId, list);
  });

  return [...bySource.values()].map((doc) => planDocument(doc, chunksBySource.get(doc.sourceId) ?? [], collectionId, model, dims, options));
}

function planDocument(
  doc: DocumentValue,
  items: { chunk: ChunkValue; embedding: number[] }[],
  collectionId: string,
  model: string,
  dims: number,
  options: PlanOptions,
): PlannedDocument {
  const rowId = (chunkId: string) => uuidFromParts('chunk', collectionId, doc.sourceId, chunkId);
  const known = new Set(items.map((i) => i.chunk.id));
  const title = stripNul(doc.metadata.title ?? '').trim();
  const lexicalText = (text: string) => (options.indexTitle ? titledText(title, text) : text);
  const docMeta = Object.fromEntries(Object.entries(doc.metadata).filter(([k]) => !DOC_FIELDS_NOT_ON_CHUNKS.has(k)));
  const fingerprint = sha256Hex(
    JSON.stringify([
      doc.metadata.contentHash,
      model,
      dims,
      ANALYZER_ID,
      options.indexTitle,
      items.map(({ chunk }) => [chunk.id, chunk.parentId ?? '', chunk.isParent ? 1 : 0, chunk.text]),
    ]),
  );
  const planned = items.map(({ chunk, embedding }): PlannedChunk => {
    if (chunk.parentId !== undefined && !known.has(chunk.parentId)) {
      throw new NodeError('INVALID_INPUT', `chunk ${chunk.id} names parent ${chunk.parentId}, which is not among the chunks of document ${doc.sourceId}`);
    }
    const text = stripNul(chunk.text);
    const isParent = chunk.isParent === true;
    return {
      id: rowId(chunk.id),
      parentId: chunk.parentId === undefined ? null : rowId(chunk.parentId),
      ordinal: chunk.ordinal,
      text,
      metadata: {
        ...docMeta,
        ...chunk.metadata,
        ...(chunk.page !== undefined && { page: chunk.page }),
        ...(chunk.headingPath !== undefined && { headingPath: chunk.headingPath }),
        start: chunk.start,
        end: chunk.end,
      },
      isParent,
      embedding: isParent ? null : embedding,
      lexicalText: isParent ? null : lexicalText(text),
    };
  });
  planned.sort((a, b) => Number(b.isParent) - Number(a.isParent));
  return {
    sourceId: doc.sourceId,
    title,
    mimeType: doc.metadata.mimeType ?? 'text/plain',
    contentHash: doc.metadata.contentHash ?? sha256Hex(doc.text),
    metadata: doc.metadata,
    fingerprint,
    chunks: planned,
  };
}
