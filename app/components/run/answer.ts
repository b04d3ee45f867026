/**
 * Finding an answer in a run's output and splitting its text at citation markers ("[2]") so each
 * marker can link to its source. Pure.
 */
export interface CitationView {
  marker: string;
  chunkId: string;
  sourceId: string;
  title?: string;
  quote?: string;
}

export interface AnswerView {
  text: string;
  citations: CitationView[];
  producedBy?: string;
  blocked?: boolean;
}

export type AnswerSegment = { kind: 'text'; text: string } | { kind: 'marker'; marker: string; citation?: CitationView };

function isAnswer(value: unknown): value is AnswerView {
  const v = value as Partial<AnswerView> | null;
  return !!v && typeof v === 'object' && typeof v.text === 'string' && Array.isArray(v.citations);
}

/** The answer a query graph returned: `output.answer`, else the first answer-shaped field. */
export function findAnswer(output: unknown): AnswerView | undefined {
  if (!output || typeof output !== 'object') return undefined;
  const record = output as Record<string, unknown>;
  if (isAnswer(record.answer)) return record.answer;
  return Object.values(record).find(isAnswer);
}

export function splitAtMarkers(text: string, citations: readonly CitationView[]): AnswerSegment[] {
  const byMarker = new Map(citations.map((c) => [c.marker, c]));
  const segments: AnswerSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[\d+\]/g)) {
    const at = match.index;
    if (at > last) segments.push({ kind: 'text', text: text.slice(last, at) });
    segments.push({ kind: 'marker', marker: match[0], citation: byMarker.get(match[0]) });
    last = at + match[0].length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}
