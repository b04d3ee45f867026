import { splitSentences } from './sentences';
import { trimSpan, type Span } from './spans';

export interface RecursiveSplitOptions {
  /** largest chunk, in characters. */
  chunkSize: number;
  /** characters the next chunk may repeat from the end of the previous one (whole units only). */
  overlap: number;
}

/** From coarse to fine: the units a too-long span is split into. */
type Level = 'paragraph' | 'line' | 'sentence' | 'word' | 'character';
const LEVELS: readonly Level[] = ['paragraph', 'line', 'sentence', 'word', 'character'];

/**
 * Splits `region` of `text` into chunk spans of at most `chunkSize` characters, preferring the
 * coarsest boundary that fits (LangChain's RecursiveCharacterTextSplitter, on offsets):
 * paragraphs → lines → sentences → words → characters. Consecutive small units are merged up to
 * `chunkSize`; a unit that is too long is split at the next finer level on its own. Overlap repeats
 * trailing whole units of the previous chunk, up to `overlap` characters (so none when a unit is
 * longer than `overlap`). Every span is trimmed and is an exact range of `text`.
 */
export function recursiveSplit(text: string, region: Span, options: RecursiveSplitOptions): Span[] {
  const span = trimSpan(text, region);
  if (!span) return [];
  return splitAtLevel(text, span, 0, options);
}

function splitAtLevel(text: string, span: Span, levelIndex: number, options: RecursiveSplitOptions): Span[] {
  if (span.end - span.start <= options.chunkSize) return [span];
  const level = LEVELS[levelIndex] ?? 'character';
  if (level === 'character') return characterWindows(span, options);
  const units = unitsOf(text, span, level);
  if (units.length <= 1) return splitAtLevel(text, span, levelIndex + 1, options);

  const out: Span[] = [];
  let small: Span[] = [];
  for (const unit of units) {
    if (unit.end - unit.start <= options.chunkSize) {
      small.push(unit);
      continue;
    }
    out.push(...mergeUnits(small, options));
    small = [];
    out.push(...splitAtLevel(text, unit, levelIndex + 1, options));
  }
  out.push(...mergeUnits(small, options));
  return out;
}

function unitsOf(text: string, span: Span, level: Exclude<Level, 'character'>): Span[] {
  switch (level) {
    case 'paragraph':
      return splitOn(text, span, /\n[ \t]*\n\s*/g);
    case 'line':
      return splitOn(text, span, /\n\s*/g);
    case 'sentence':
      return splitSentences(text, span);
    case 'word':
      return splitOn(text, span, /\s+/g);
  }
}

function splitOn(text: string, span: Span, separator: RegExp): Span[] {
  const segment = text.slice(span.start, span.end);
  const out: Span[] = [];
  let from = 0;
  for (const m of segment.matchAll(separator)) {
    const piece = trimSpan(text, { start: span.start + from, end: span.start + m.index });
    if (piece) out.push(piece);
    from = m.index + m[0].length;
  }
  const last = trimSpan(text, { start: span.start + from, end: span.end });
  if (last) out.push(last);
  return out;
}

/** Greedy merge of ordered units into spans ≤ chunkSize, carrying trailing units as overlap. */
function mergeUnits(units: readonly Span[], { chunkSize, overlap }: RecursiveSplitOptions): Span[] {
  const out: Span[] = [];
  const current: Span[] = [];
  for (const unit of units) {
    if (current.length > 0 && unit.end - current[0]!.start > chunkSize) {
      out.push({ start: current[0]!.start, end: current[current.length - 1]!.end });
      // keep the tail that fits in the overlap budget and still leaves room for this unit
      while (
        current.length > 0 &&
        (current[current.length - 1]!.end - current[0]!.start > overlap || unit.end - current[0]!.start > chunkSize)
      ) {
        current.shift();
      }
    }
    current.push(unit);
  }
  if (current.length > 0) out.push({ start: current[0]!.start, end: current[current.length - 1]!.end });
  return out;
}

/** Last resort for a run without spaces longer than chunkSize: fixed windows. */
function characterWindows(span: Span, { chunkSize, overlap }: RecursiveSplitOptions): Span[] {
  const out: Span[] = [];
  const stride = Math.max(1, chunkSize - overlap);
  for (let start = span.start; start < span.end; start += stride) {
    const end = Math.min(span.end, start + chunkSize);
    out.push({ start, end });
    if (end === span.end) break;
  }
  return out;
}
