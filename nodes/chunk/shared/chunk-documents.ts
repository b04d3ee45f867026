import type { NodeContext } from '../../core/context';
import { NodeError } from '../../core/errors';
import type { ChunksValue, ChunkValue, DocumentValue } from '../../core/values';
import { buildChunk } from './build-chunk';
import { orderedSections, type DocumentSection } from './sections';
import type { Span } from './spans';

/** What a chunker decides for one document: spans only; ids, ordinals and metadata are added here. */
export interface ChunkPlan {
  /** parent (context) spans, stored but not indexed; may be empty. */
  parents?: Span[];
  /** the indexed chunks; `parent` indexes into `parents`. */
  chunks: (Span & { parent?: number })[];
}

export type PlanDocument = (doc: DocumentValue, sections: DocumentSection[]) => ChunkPlan | Promise<ChunkPlan>;

/**
 * Runs a chunker over every document and assembles the ChunksValue. Per document, parents are emitted
 * before the chunks that point at them (the store may insert in order under a foreign key), parents
 * and chunks are numbered separately (chunk ordinals 0..n-1 are reading order, so neighbours stay
 * neighbours), and documents pass through unchanged so the store can upsert per document.
 */
export async function chunkDocuments(
  ctx: Pick<NodeContext, 'signal'>,
  documents: readonly DocumentValue[],
  chunker: string,
  plan: PlanDocument,
): Promise<ChunksValue> {
  const chunks: ChunkValue[] = [];
  for (const doc of documents) {
    if (ctx.signal.aborted) throw new NodeError('CANCELLED', `${chunker}: cancelled`);
    const sections = orderedSections(doc);
    const { parents = [], chunks: spans } = await plan(doc, sections);
    const parentChunks = parents.map((span, ordinal) => buildChunk(doc, sections, { ...span, ordinal, isParent: true }, chunker));
    chunks.push(...parentChunks);
    spans.forEach((span, ordinal) => {
      const parentId = span.parent === undefined ? undefined : parentChunks[span.parent]?.id;
      chunks.push(buildChunk(doc, sections, { start: span.start, end: span.end, ordinal, parentId }, chunker));
    });
  }
  return { documents: [...documents], chunks };
}

/** Throws INVALID_CONFIG when a config relation the schema cannot express is broken. */
export function requireConfig(condition: boolean, message: string): void {
  if (!condition) throw new NodeError('INVALID_CONFIG', message);
}
