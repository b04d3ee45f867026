/**
 * The inline Markdown that answers carry (LLMs write it, extractive answers quote it from Markdown
 * sources): `code`, **bold** and *emphasis*, cut into segments so they show as such instead of as
 * backticks and asterisks. Inline only, on purpose: answers are split at their citation markers
 * first, and block syntax (headings, lists) reads well enough as the plain text whose line breaks
 * the answer keeps. Segments render as React text, never as HTML, so an answer cannot inject markup.
 */
export interface InlineSegment {
  kind: 'text' | 'code' | 'strong' | 'em';
  text: string;
}

const INLINE = /`([^`\n]+)`|\*\*([^*\n]+)\*\*|__([^_\n]+)__|(?<![\w*])\*([^*\s][^*\n]*?)\*(?![\w*])/g;

export function inlineSegments(text: string): InlineSegment[] {
  const segments: InlineSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) segments.push({ kind: 'text', text: text.slice(last, match.index) });
    const [, code, bold, boldUnderscore, emphasis] = match;
    if (code !== undefined) segments.push({ kind: 'code', text: code });
    else if (bold !== undefined || boldUnderscore !== undefined) segments.push({ kind: 'strong', text: (bold ?? boldUnderscore)! });
    else segments.push({ kind: 'em', text: emphasis! });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}
