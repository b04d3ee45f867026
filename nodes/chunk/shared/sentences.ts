import { trimSpan, type Span } from './spans';

/**
 * Rule-based sentence splitter over offsets (no model): good enough for English-like prose and for
 * the markdown the parser produces.
 *  - blank lines always end a sentence (paragraphs);
 *  - markdown structure lines (headings, table rows, list items, fences) are units of their own;
 *  - consecutive prose lines (soft-wrapped text, PDF lines) are joined and split after . ! ? … when
 *    whitespace and a non-lowercase character follow, except after common abbreviations and initials;
 *  - a line ending in a letter or digit, followed by a line starting with a capital, ends there: a
 *    title over its text ("Results\nMice fed…"); a wrap before a name splits too, the lesser harm;
 *  - CJK full stops end a sentence without needing a space.
 * Returned spans are trimmed, ordered, non-overlapping and index into `text` directly.
 */
export function splitSentences(text: string, region: Span = { start: 0, end: text.length }): Span[] {
  const out: Span[] = [];
  for (const block of proseAndStructureBlocks(text, region)) {
    if (block.structural) out.push(block.span);
    else out.push(...splitProse(text, block.span));
  }
  return out;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'e.g', 'i.e', 'cf', 'al', 'fig', 'figs',
  'no', 'nos', 'vol', 'pp', 'p', 'inc', 'ltd', 'co', 'corp', 'approx', 'ca', 'eq', 'eqs', 'ref', 'refs',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'resp', 'spp',
]);

const STRUCTURAL_LINE = /^\s*(#{1,6}\s|\||[-*+]\s|\d{1,3}[.)]\s|>|```|~~~)/;

interface Block {
  span: Span;
  structural: boolean;
}

/** Lines grouped into paragraphs of prose and single structural lines. */
function* proseAndStructureBlocks(text: string, region: Span): Generator<Block> {
  let prose: Span | undefined;
  let pos = region.start;
  while (pos < region.end) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd === -1 || lineEnd > region.end) lineEnd = region.end;
    const line = trimSpan(text, { start: pos, end: lineEnd });
    if (!line) {
      // blank line: a paragraph break
      if (prose) yield { span: prose, structural: false };
      prose = undefined;
    } else if (STRUCTURAL_LINE.test(text.slice(line.start, Math.min(line.end, line.start + 8)))) {
      if (prose) yield { span: prose, structural: false };
      prose = undefined;
      yield { span: line, structural: true };
    } else if (prose && !endsUnpunctuatedBeforeCapital(text, prose, line)) {
      prose = { start: prose.start, end: line.end };
    } else {
      if (prose) yield { span: prose, structural: false };
      prose = line;
    }
    pos = lineEnd + 1;
  }
  if (prose) yield { span: prose, structural: false };
}

/** The prose so far ends in a letter or digit, and `line` starts with a capital: a title line before it. */
function endsUnpunctuatedBeforeCapital(text: string, prose: Span, line: Span): boolean {
  return /[\p{L}\p{N}]/u.test(text[prose.end - 1]!) && /\p{Lu}/u.test(text[line.start]!);
}

const TERMINATOR = /[.!?…]+["'”’)\]]*(?=\s)|[。！？]+["'”’）」]*/g;

function splitProse(text: string, span: Span): Span[] {
  const segment = text.slice(span.start, span.end);
  const out: Span[] = [];
  let sentenceStart = 0;
  TERMINATOR.lastIndex = 0;
  for (let m = TERMINATOR.exec(segment); m; m = TERMINATOR.exec(segment)) {
    const end = m.index + m[0].length;
    if (!isBoundary(segment, m.index, end)) continue;
    const s = trimSpan(text, { start: span.start + sentenceStart, end: span.start + end });
    if (s) out.push(s);
    sentenceStart = end;
  }
  const rest = trimSpan(text, { start: span.start + sentenceStart, end: span.end });
  if (rest) out.push(rest);
  return out;
}

const NEXT_VISIBLE = /\s*(\S)/y;

function isBoundary(segment: string, markStart: number, markEnd: number): boolean {
  const mark = segment[markStart]!;
  if ('。！？'.includes(mark)) return true;
  NEXT_VISIBLE.lastIndex = markEnd; // sticky: looks at this position only, no copy of the rest
  const next = NEXT_VISIBLE.exec(segment);
  if (!next) return true; // end of the paragraph
  const nextChar = next[1]!;
  if (nextChar !== nextChar.toUpperCase() || /[,;:]/.test(nextChar)) return false; // "e.g. this", "etc., and"
  if (mark !== '.') return true;
  const word = /([\p{L}.]+)$/u.exec(segment.slice(Math.max(0, markStart - 12), markStart))?.[1] ?? '';
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  if (/^\p{Lu}$/u.test(word)) return false; // an initial: "J. Smith"
  return true;
}
