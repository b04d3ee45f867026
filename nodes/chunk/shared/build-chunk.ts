import type { ChunkValue, DocumentValue } from '../../core/values';
import { placeSpan, type DocumentSection } from './sections';
import type { Span } from './spans';
import { sha256Hex, uuidFromParts } from './uuid';

export interface ChunkDraft extends Span {
  ordinal: number;
  isParent?: boolean;
  parentId?: string;
}

/**
 * Turns a span of a document into a ChunkValue. The text is always `doc.text.slice(start, end)`, so
 * offsets map back to the document exactly. The id is a UUID derived from the document id, the kind
 * (chunk/parent), the ordinal and a hash of the text: the same input always yields the same ids.
 */
export function buildChunk(doc: DocumentValue, sections: readonly DocumentSection[], draft: ChunkDraft, chunker: string): ChunkValue {
  const text = doc.text.slice(draft.start, draft.end);
  const kind = draft.isParent ? 'parent' : 'chunk';
  const placement = placeSpan(sections, draft);
  const chunk: ChunkValue = {
    id: uuidFromParts(doc.id, kind, draft.ordinal, sha256Hex(text)),
    documentId: doc.id,
    sourceId: doc.sourceId,
    text,
    start: draft.start,
    end: draft.end,
    ordinal: draft.ordinal,
    metadata: {
      title: doc.metadata.title,
      source: doc.metadata.source,
      mimeType: doc.metadata.mimeType,
      chunker,
      ...(placement.page !== undefined ? { page: placement.page } : {}),
      ...(placement.pageEnd !== undefined ? { pageEnd: placement.pageEnd } : {}),
      ...(placement.headingPath ? { headingPath: placement.headingPath } : {}),
    },
  };
  if (placement.page !== undefined) chunk.page = placement.page;
  if (placement.headingPath) chunk.headingPath = placement.headingPath;
  if (draft.parentId !== undefined) chunk.parentId = draft.parentId;
  if (draft.isParent) chunk.isParent = true;
  return chunk;
}
