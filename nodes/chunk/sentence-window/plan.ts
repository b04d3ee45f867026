import type { ChunkPlan } from '../shared/chunk-documents';
import { recursiveSplit } from '../shared/recursive-split';
import { splitSentences } from '../shared/sentences';
import type { Span } from '../shared/spans';

export interface SentenceWindowOptions {
  window: number;
  maxSentenceChars: number;
}

/**
 * One chunk per sentence; its parent spans `window` sentences either side. Sentences with the same
 * window (short documents) share one parent. With window 0 there are no parents.
 */
export function planSentenceWindow(text: string, { window, maxSentenceChars }: SentenceWindowOptions): ChunkPlan {
  const sentences = splitSentences(text).flatMap((s) =>
    s.end - s.start > maxSentenceChars ? recursiveSplit(text, s, { chunkSize: maxSentenceChars, overlap: 0 }) : [s],
  );
  if (window === 0) return { chunks: sentences }; // a parent equal to its chunk adds nothing
  const parents: Span[] = [];
  const parentIndex = new Map<string, number>();
  const chunks = sentences.map((sentence, i) => {
    const first = sentences[Math.max(0, i - window)]!;
    const last = sentences[Math.min(sentences.length - 1, i + window)]!;
    const key = `${first.start}:${last.end}`;
    let parent = parentIndex.get(key);
    if (parent === undefined) {
      parent = parents.push({ start: first.start, end: last.end }) - 1;
      parentIndex.set(key, parent);
    }
    return { ...sentence, parent };
  });
  return { parents, chunks };
}
