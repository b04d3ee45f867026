import type { PromptValue } from '../../core/values';
import { splitSentences } from '../../chunk/shared/sentences';
import { contentTerms } from '../shared/terms';
import type { ExtractiveConfig } from './definition';

type Passage = PromptValue['context'][number];

export interface ScoredSentence {
  passageIndex: number;
  start: number;
  text: string;
  /** share of the question's weighted terms the sentence contains, 0..1 */
  coverage: number;
  /** coverage × heading match × rank preference: what selection sorts by */
  score: number;
  terms: Set<string>;
}

/**
 * How much a term of the question before weighs beside the follow-up's own: enough to choose, among
 * the sentences that match "And how do I call it?", the one about calling what the earlier question
 * was about; too little for a sentence matching only the earlier question to win.
 */
const EARLIER_QUESTION_WEIGHT = 0.25;

/**
 * How much a sentence gains when the Markdown heading it sits under names the question's words: a
 * section titled "Calling an endpoint" is where "how do I call it" is answered, although "Every call
 * becomes a run…" elsewhere shares as many words.
 */
const HEADING_WEIGHT = 1;

/**
 * Scores every context sentence against the question: the share of the question's content terms it
 * contains. Terms are weighted by a BM25-style IDF over the context's sentences, so words that appear
 * everywhere (the topic itself) count less than the words that distinguish the answer; a question term
 * missing from the context weighs the most, so a context without the question's words does not answer it.
 * The question before (`earlierQuestion`, in a conversation) adds its terms at a fraction of the
 * weight, for what a follow-up leaves to "it". A sentence under a heading that covers the question
 * ranks higher (coverage, which decides whether it may be used at all, is its own).
 */
export function scoreSentences(question: string, passages: Passage[], config: Pick<ExtractiveConfig, 'rankDecay'>, earlierQuestion = ''): ScoredSentence[] {
  const sentences = passages.flatMap((p, passageIndex) => {
    // the terms of the heading the sentences below sit under, counted once per heading
    let headingTerms = new Set<string>();
    // the chunker's splitter: a sentence hard-wrapped over lines (Markdown, PDF lines) is one sentence
    return splitSentences(p.text).flatMap((span) => {
      const text = plainSentence(p.text.slice(span.start, span.end));
      if (HEADING.test(text)) headingTerms = new Set(contentTerms(text.replace(HEADING, '')));
      if (!isProse(text)) return [];
      return [{ passageIndex, start: span.start, text, terms: new Set(contentTerms(text)), headingTerms }];
    });
  });
  // placeholders a guardrail put in ("[EMAIL]") are not part of what was asked
  const termsOf = (text: string) => new Set(contentTerms(text.replace(/\[[A-Z_]+\]/g, ' ')));
  const own = termsOf(question);
  if (own.size === 0 || sentences.length === 0) return [];
  const questionTerms = new Map<string, number>([...own].map((t) => [t, 1]));
  for (const t of termsOf(earlierQuestion)) if (!own.has(t)) questionTerms.set(t, EARLIER_QUESTION_WEIGHT);

  const n = sentences.length;
  const df = new Map<string, number>();
  for (const s of sentences) for (const t of s.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
  // flattened to 0.5..1 so that rarity ranks sentences without letting one generic question word
  // ("affect", "role") that the passages phrase differently outweigh all the words they do share
  const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
  const weight = (t: string) => questionTerms.get(t)! * (0.5 + (0.5 * idf(t)) / maxIdf);
  const total = [...questionTerms.keys()].reduce((sum, t) => sum + weight(t), 0);

  const share = (terms: Set<string>) => (total > 0 ? [...questionTerms.keys()].reduce((sum, t) => sum + (terms.has(t) ? weight(t) : 0), 0) / total : 0);
  return sentences.map(({ headingTerms, ...s }) => {
    const coverage = share(s.terms);
    return { ...s, coverage, score: (coverage * (1 + HEADING_WEIGHT * share(headingTerms))) / (1 + config.rankDecay * s.passageIndex) };
  });
}

/**
 * How close to the best sentence one from another passage must score to join it in the answer: a
 * sentence that shares only one word with the question ("minutes" in a bread recipe, for "And for how
 * many minutes?" after a question about tea) is past the relevance bar, yet answers something else.
 * Sentences of the best sentence's own passage need only pass the bar: they are its context.
 */
const BEST_SHARE = 0.5;

/**
 * The best sentences above the relevance bar, from the best sentence's passage or within BEST_SHARE
 * of it, without near-duplicates, in reading order (passage rank, then position in the passage) so
 * the answer reads like the sources.
 */
export function selectSentences(scored: ScoredSentence[], config: Pick<ExtractiveConfig, 'maxSentences' | 'minRelevance'>): ScoredSentence[] {
  const relevant = scored.filter((s) => s.coverage >= config.minRelevance);
  const best = relevant.reduce<ScoredSentence | undefined>((top, s) => (!top || s.score > top.score ? s : top), undefined);
  const candidates = relevant
    .filter((s) => s.passageIndex === best!.passageIndex || s.score >= BEST_SHARE * best!.score)
    .sort((a, b) => b.score - a.score || a.text.length - b.text.length);
  const chosen: ScoredSentence[] = [];
  for (const s of candidates) {
    if (chosen.length >= config.maxSentences) break;
    if (chosen.some((c) => c.text === s.text || jaccard(c.terms, s.terms) >= 0.8)) continue;
    chosen.push(s);
  }
  return chosen.sort((a, b) => a.passageIndex - b.passageIndex || a.start - b.start);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * "Text." + [2] → "Text [2]." (the marker sits inside the sentence it supports). A line without
 * end punctuation (a title, a list item) gets a full stop so the next sentence does not run on.
 */
export function withMarker(sentence: string, marker: string): string {
  const m = /^(.*?)([.!?]+["'”’)\]]*)$/s.exec(sentence);
  return m ? `${m[1]} ${marker}${m[2]}` : `${sentence} ${marker}.`;
}

/**
 * A sentence as an answer quotes it: on one line however its source wrapped it, and without
 * Markdown's emphasis marks and link targets ("**Publish**" reads "Publish", "[the guide](url)" "the guide").
 */
export function plainSentence(sentence: string): string {
  return sentence
    .replace(/[ \t]*\r?\n\s*/g, ' ')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/\[([^\]\n]+)\]\([^)\s]+\)/g, '$1');
}

const HEADING = /^#{1,6}\s+/;

/** Markdown headings and table rows name or lay out content; they do not state it, so they are never quoted. */
function isProse(sentence: string): boolean {
  return !HEADING.test(sentence) && !/^\|.*\|$/.test(sentence) && !/^[-|: ]+$/.test(sentence);
}
