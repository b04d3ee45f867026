import type { DocumentValue } from '../../core/values';
import type { Span } from './spans';

export type DocumentSection = NonNullable<DocumentValue['sections']>[number];

/**
 * The document's sections ordered by start and tiled over the whole text: gaps (text no section
 * names) get sections of their own and overlaps are clipped, so a chunker that walks sections never
 * drops or repeats text. A document without sections (one that did not come from parse.document) is
 * one section.
 */
export function orderedSections(doc: DocumentValue): DocumentSection[] {
  const length = doc.text.length;
  const given = (doc.sections ?? [])
    .map((s) => ({ ...s, start: Math.min(s.start, length), end: Math.min(s.end, length) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: DocumentSection[] = [];
  let pos = 0;
  for (const s of given) {
    if (s.end <= pos) continue;
    if (s.start > pos) out.push({ start: pos, end: s.start });
    out.push({ ...s, start: Math.max(s.start, pos) });
    pos = s.end;
  }
  if (pos < length || out.length === 0) out.push({ start: pos, end: length });
  return out;
}

export interface SpanPlacement {
  /** the page where the span starts. */
  page?: number;
  /** the last page the span touches, when it crosses a page boundary. */
  pageEnd?: number;
  /** the heading path of the section holding most of the span. */
  headingPath?: string[];
}

/** Where a span sits in the document: its page(s) and heading path, from sections as orderedSections returns them. */
export function placeSpan(sections: readonly DocumentSection[], span: Span): SpanPlacement {
  let page: number | undefined;
  let pageEnd: number | undefined;
  let best: DocumentSection | undefined;
  let bestOverlap = 0;
  for (let i = firstEndingAfter(sections, span.start); i < sections.length; i++) {
    const s = sections[i]!;
    if (s.start >= span.end) break;
    const overlap = Math.min(s.end, span.end) - Math.max(s.start, span.start);
    if (overlap <= 0) continue;
    if (s.page !== undefined) {
      page ??= s.page;
      pageEnd = s.page;
    }
    if (overlap > bestOverlap && s.headingPath !== undefined) {
      best = s;
      bestOverlap = overlap;
    }
  }
  const placement: SpanPlacement = {};
  if (page !== undefined) placement.page = page;
  if (pageEnd !== undefined && pageEnd !== page) placement.pageEnd = pageEnd;
  if (best?.headingPath && best.headingPath.length > 0) placement.headingPath = best.headingPath;
  return placement;
}

/** Binary search over sections ordered by start (and tiling, so also by end): the first with end > offset. */
function firstEndingAfter(sections: readonly DocumentSection[], offset: number): number {
  let low = 0;
  let high = sections.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sections[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Sections become regions a chunk must not cross, except that a section holding nothing but its
 * heading (a heading directly followed by a sub-heading) joins the next section on the same page:
 * otherwise it would become a chunk of one heading line.
 */
export function sectionRegions(text: string, sections: readonly DocumentSection[]): Span[] {
  const out: Span[] = [];
  let pending: DocumentSection | undefined;
  for (const section of sections) {
    if (pending && pending.page === section.page) {
      pending = { ...section, start: pending.start };
    } else {
      if (pending) out.push(pending);
      pending = section;
    }
    if (!isHeadingOnly(text, section)) {
      out.push(pending);
      pending = undefined;
    }
  }
  if (pending) out.push(pending);
  return out.map((s) => ({ start: s.start, end: s.end }));
}

function isHeadingOnly(text: string, section: Span): boolean {
  const lines = text
    .slice(section.start, section.end)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return lines.length > 0 && lines.every((l) => /^#{1,6}\s/.test(l));
}
