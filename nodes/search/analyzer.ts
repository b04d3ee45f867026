import stem from 'wink-porter2-stemmer';
import { ENGLISH_STOPWORDS } from './stopwords';

/**
 * The one lexical analyzer: the store indexes chunks with it and retrievers/rerankers analyse queries
 * with it, so both sides always agree on terms. Lowercase, split on anything that is not a letter or a
 * digit (Unicode-aware), drop stopwords, Porter2-stem. Changing it invalidates stored postings.
 */
export const ANALYZER_ID = 'en-porter2-v1';

/** Stems are cached: scientific text repeats words a lot and stemming is the costly step. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;
/** Postings keys are btree entries: very long "words" (hashes, base64) are noise, not terms. */
const MAX_TERM_LENGTH = 64;

export function analyze(text: string): string[] {
  const terms: string[] = [];
  forEachTerm(text, (term) => terms.push(term));
  return terms;
}

/** Each word of a text that the analyzer keeps, lowercased, with the term it becomes. */
function forEachTerm(text: string, visit: (term: string, word: string) => void): void {
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length === 0 || word.length > MAX_TERM_LENGTH || ENGLISH_STOPWORDS.has(word)) continue;
    visit(stemWord(word), word);
  }
}

/**
 * The word each of some terms most often stands for in some texts ("statins" for "statin"), to show
 * people words rather than stems; a term the texts never produce is left out. Ties go to the
 * shorter word, then the earlier in the alphabet.
 */
export function commonWords(terms: Iterable<string>, texts: readonly string[]): Map<string, string> {
  const wanted = new Set(terms);
  const seen = new Map<string, Map<string, number>>();
  for (const text of texts) {
    forEachTerm(text, (term, word) => {
      if (!wanted.has(term)) return;
      let words = seen.get(term);
      if (!words) seen.set(term, (words = new Map()));
      words.set(word, (words.get(word) ?? 0) + 1);
    });
  }
  const best = new Map<string, string>();
  for (const [term, words] of seen) {
    const [word] = [...words].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1))[0]!;
    best.set(term, word);
  }
  return best;
}

export function stemWord(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    // Porter2 is defined for English letters; digits and other scripts pass through unchanged.
    stemmed = /^[a-z']+$/.test(word) ? stem(word) : word;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Term → count, plus the document length BM25 normalises by (number of analysed terms). */
export interface TermCounts {
  counts: Map<string, number>;
  length: number;
}

export function termCounts(text: string): TermCounts {
  return countTerms(analyze(text));
}

/** The same for terms already analysed (or written by hand in tests). */
export function countTerms(terms: readonly string[]): TermCounts {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return { counts, length: terms.length };
}
