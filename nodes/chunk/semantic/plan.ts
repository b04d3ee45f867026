import type { ChunkPlan } from '../shared/chunk-documents';
import { recursiveSplit } from '../shared/recursive-split';
import { sectionRegions, type DocumentSection } from '../shared/sections';
import { splitSentences } from '../shared/sentences';
import type { Span } from '../shared/spans';

export interface SemanticPlanOptions {
  breakpointPercentile: number;
  bufferSize: number;
  maxChunkSize: number;
  minChunkSize: number;
  respectSections: boolean;
}

/** Any sentence embedder: one vector per text, L2-normalised (all zeros when it knows no word). */
export type EmbedTexts = (texts: readonly string[]) => Float32Array[];

/**
 * Semantic chunking on offsets, in the spirit of Kamradt's method (LangChain's SemanticChunker) with
 * TextTiling's gap scoring:
 *  1. sentences per region (sections, or the whole text);
 *  2. at each gap between two sentences, the block of the sentence before plus `bufferSize` earlier
 *     ones is compared with the block of the sentence after plus `bufferSize` later ones:
 *     distance = 1 − cos of their embeddings. (Comparing overlapping windows, as LangChain does,
 *     smears one topic change over several gaps; disjoint blocks peak at the change itself.)
 *  3. a break wherever the distance exceeds the document's `breakpointPercentile` of distances;
 *  4. groups shorter than minChunkSize join a neighbour, longer than maxChunkSize are split
 *     recursively (paragraphs → sentences → words).
 * A gap where either block has no known word gives no distance, so no break.
 */
export function planSemantic(text: string, sections: readonly DocumentSection[], embed: EmbedTexts, options: SemanticPlanOptions): ChunkPlan {
  const regions = options.respectSections ? sectionRegions(text, sections) : [{ start: 0, end: text.length }];
  const perRegion = regions.map((r) => splitSentences(text, r)).filter((s) => s.length > 0);

  // two texts per gap (before, after), all embedded in one call
  const blocks = perRegion.flatMap((sentences) =>
    sentences.slice(1).flatMap((_, i) => {
      const before = text.slice(sentences[Math.max(0, i - options.bufferSize)]!.start, sentences[i]!.end);
      const after = text.slice(sentences[i + 1]!.start, sentences[Math.min(sentences.length - 1, i + 1 + options.bufferSize)]!.end);
      return [before, after];
    }),
  );
  const vectors = blocks.length > 0 ? embed(blocks) : [];

  let v = 0;
  const distances: (number | undefined)[][] = perRegion.map((sentences) =>
    sentences.slice(1).map(() => {
      const d = distance(vectors[v]!, vectors[v + 1]!);
      v += 2;
      return d;
    }),
  );
  const known = distances.flat().filter((d): d is number => d !== undefined);
  const threshold = known.length > 0 ? percentile(known, options.breakpointPercentile) : Infinity;

  const chunks: Span[] = [];
  perRegion.forEach((sentences, r) => {
    const groups: Span[] = [];
    let start = sentences[0]!.start;
    sentences.forEach((sentence, i) => {
      const d = distances[r]![i]; // between sentence i and i+1
      if (i === sentences.length - 1 || (d !== undefined && d > threshold)) {
        groups.push({ start, end: sentence.end });
        if (i < sentences.length - 1) start = sentences[i + 1]!.start;
      }
    });
    for (const group of mergeSmall(groups, options)) {
      chunks.push(...recursiveSplit(text, group, { chunkSize: options.maxChunkSize, overlap: 0 }));
    }
  });
  return { chunks };
}

function distance(a: Float32Array, b: Float32Array): number | undefined {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 || nb === 0) return undefined;
  return 1 - dot / Math.sqrt(na * nb);
}

/** The p-th percentile with linear interpolation between ranks (numpy's default). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** A group below minChunkSize joins the following group (the last one joins the previous) if it fits. */
function mergeSmall(groups: readonly Span[], { minChunkSize, maxChunkSize }: SemanticPlanOptions): Span[] {
  const out: Span[] = [];
  for (const group of groups) {
    const prev = out[out.length - 1];
    if (prev && prev.end - prev.start < minChunkSize && group.end - prev.start <= maxChunkSize) {
      out[out.length - 1] = { start: prev.start, end: group.end };
    } else {
      out.push({ ...group });
    }
  }
  const last = out[out.length - 1];
  const beforeLast = out[out.length - 2];
  if (last && beforeLast && last.end - last.start < minChunkSize && last.end - beforeLast.start <= maxChunkSize) {
    out.splice(out.length - 2, 2, { start: beforeLast.start, end: last.end });
  }
  return out;
}
