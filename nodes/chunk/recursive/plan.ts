import type { DocumentValue } from '../../core/values';
import type { ChunkPlan } from '../shared/chunk-documents';
import { recursiveSplit } from '../shared/recursive-split';
import { sectionRegions, type DocumentSection } from '../shared/sections';
import type { Span } from '../shared/spans';

export interface RecursivePlanOptions {
  chunkSize: number;
  overlap: number;
  parentSize: number;
  respectSections: boolean;
}

/** The recursive chunker's plan for one document (pure: spans only). */
export function planRecursive(doc: DocumentValue, sections: readonly DocumentSection[], options: RecursivePlanOptions): ChunkPlan {
  const regions = options.respectSections ? sectionRegions(doc.text, sections) : [{ start: 0, end: doc.text.length }];
  const split = (span: Span) => recursiveSplit(doc.text, span, { chunkSize: options.chunkSize, overlap: options.overlap });
  if (options.parentSize <= 0) return { chunks: regions.flatMap(split) };

  const parents = regions.flatMap((r) => recursiveSplit(doc.text, r, { chunkSize: options.parentSize, overlap: 0 }));
  const chunks = parents.flatMap((parent, index) => split(parent).map((span) => ({ ...span, parent: index })));
  return { parents, chunks };
}
