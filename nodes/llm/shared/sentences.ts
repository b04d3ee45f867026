/**
 * Splits text into sentences with their offsets. Rule-based: a boundary is sentence punctuation followed
 * by whitespace and a capital, digit or opening quote/bracket, unless the word before is a common
 * abbreviation or an initial; line breaks always end a sentence (titles, list items).
 */

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'al', 'fig', 'figs', 'vs', 'dr', 'mr', 'mrs', 'ms', 'prof', 'vol', 'approx', 'ca', 'cf', 'etc', 'st',
  'jr', 'sr', 'inc', 'ltd', 'eq', 'eqs', 'ref', 'refs', 'resp', 'u.s', 'u.k', 'spp', 'p', 'pp', 'jan', 'feb', 'apr', 'jun',
  'jul', 'aug', 'sep', 'sept', 'oct', 'nov',
]);

const BOUNDARY = /([.!?]+["'”’)\]]*)(\s+)|(\n\s*)/g;

export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const at = match.index;
    const isNewline = match[3] !== undefined;
    const lineEnds = isNewline || match[2]!.includes('\n'); // "end.\n| table": the line break still ends it
    if (!lineEnds) {
      const next = text[at + match[0].length];
      if (next !== undefined && !/[\p{Lu}\p{N}"'“‘([]/u.test(next)) continue;
      if (match[1]!.startsWith('.') && endsWithAbbreviation(text.slice(start, at), next)) continue;
    }
    const end = isNewline ? at : at + match[1]!.length;
    push(spans, text, start, end);
    start = at + match[0].length;
  }
  push(spans, text, start, text.length);
  return spans;
}

function endsWithAbbreviation(before: string, next: string | undefined): boolean {
  const word = /(\S+)$/.exec(before)?.[1];
  if (!word) return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith"
  const bare = word.toLowerCase().replace(/^[("'[]+/, '');
  if ((bare === 'no' || bare === 'nos') && next !== undefined && /\d/.test(next)) return true; // "No. 5"
  return ABBREVIATIONS.has(bare);
}

function push(spans: SentenceSpan[], text: string, from: number, to: number): void {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s) spans.push({ text: text.slice(s, e), start: s, end: e });
}
