/** A half-open range [start, end) of a document's text. All chunkers work on spans, never on copies. */
export interface Span {
  start: number;
  end: number;
}

const WS = /\s/;

/** Shrinks a span so it neither starts nor ends with whitespace; returns undefined when nothing is left. */
export function trimSpan(text: string, span: Span): Span | undefined {
  let { start, end } = span;
  while (start < end && WS.test(text[start]!)) start++;
  while (end > start && WS.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : undefined;
}

export function spanLength(span: Span): number {
  return span.end - span.start;
}
