import type { Span } from './spans';

/**
 * An approximate tokenizer for sizing chunks in "tokens": runs of letters/digits are one token and
 * every other non-space character is a token of its own. Real word-piece tokenizers split rare words
 * further, so a chunk of N tokens here is about N to 1.3·N model tokens for English text.
 */
const TOKEN = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

export function tokenSpans(text: string, region: Span = { start: 0, end: text.length }): Span[] {
  const out: Span[] = [];
  const segment = text.slice(region.start, region.end);
  for (const m of segment.matchAll(TOKEN)) {
    const start = region.start + m.index;
    out.push({ start, end: start + m[0].length });
  }
  return out;
}

export function countTokens(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(TOKEN)) n++;
  return n;
}
