import type { ChunkPlan } from '../shared/chunk-documents';
import { trimSpan, type Span } from '../shared/spans';
import { tokenSpans } from '../shared/tokens';

export interface FixedPlanOptions {
  unit: 'characters' | 'tokens';
  size: number;
  overlap: number;
  keepWords: boolean;
}

/** Fixed windows over the whole text (pure: spans only). */
export function planFixed(text: string, options: FixedPlanOptions): ChunkPlan {
  return { chunks: options.unit === 'tokens' ? tokenWindows(text, options) : characterWindows(text, options) };
}

function tokenWindows(text: string, { size, overlap }: FixedPlanOptions): Span[] {
  const tokens = tokenSpans(text);
  const out: Span[] = [];
  const stride = size - overlap;
  for (let i = 0; i < tokens.length; i += stride) {
    const last = tokens[Math.min(tokens.length, i + size) - 1]!;
    out.push({ start: tokens[i]!.start, end: last.end });
    if (i + size >= tokens.length) break;
  }
  return out;
}

function characterWindows(text: string, { size, overlap, keepWords }: FixedPlanOptions): Span[] {
  const out: Span[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (keepWords && end < text.length && /\S/.test(text[end]!)) {
      const space = text.lastIndexOf(' ', end - 1);
      const newline = text.lastIndexOf('\n', end - 1);
      const cut = Math.max(space, newline);
      if (cut > start + size * 0.8) end = cut;
    }
    const span = trimSpan(text, { start, end });
    if (span) out.push(span);
    if (end >= text.length) break;
    // step back by the overlap from where this window really ended, always moving forward
    let next = Math.max(start + 1, end - overlap);
    if (keepWords) {
      // do not begin mid-word either: move forward to the next word start (never past this window's end)
      while (next < end && /\S/.test(text[next - 1]!) && /\S/.test(text[next]!)) next++;
    }
    start = next;
  }
  return out;
}
