import type { Citation, PromptValue } from '../../core/values';

/**
 * Maps the citation markers an answer uses ("[2]", "[1, 3]", "[1][2]", "[1-3]") back to the prompt's
 * context passages, in order of first mention. Numbers without a passage are ignored: a model that
 * cites [9] when there were 3 passages cites nothing real.
 */
export function citationsFromMarkers(text: string, context: PromptValue['context']): Citation[] {
  const byMarker = new Map(context.map((c) => [c.marker, c]));
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const group of text.matchAll(/\[(\s*\d+\s*(?:(?:,|-|–)\s*\d+\s*)*)\]/g)) {
    for (const n of expand(group[1]!)) {
      const marker = `[${n}]`;
      const passage = byMarker.get(marker);
      if (!passage || seen.has(marker)) continue;
      seen.add(marker);
      out.push({ marker, chunkId: passage.chunkId, sourceId: passage.sourceId, ...(passage.title ? { title: passage.title } : {}) });
    }
  }
  return out;
}

function expand(list: string): number[] {
  const numbers: number[] = [];
  for (const part of list.split(',')) {
    const [from, to] = part.split(/-|–/).map((x) => Number.parseInt(x.trim(), 10));
    if (from === undefined || Number.isNaN(from)) continue;
    if (to === undefined || Number.isNaN(to)) numbers.push(from);
    else for (let n = from; n <= Math.min(to, from + 50); n++) numbers.push(n);
  }
  return numbers;
}
