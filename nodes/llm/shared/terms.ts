import { stemWord as stem } from '../../search/analyzer';

/**
 * Turns text into the content terms used to compare a question with sentences: lowercase, split on
 * anything that is not a letter or digit, drop stopwords (including question words, which say nothing
 * about the topic), stem with Porter2.
 */

export const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his i if in into is it its itself just me more most my myself no nor not of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then there these they ' +
    'this those through to too under until up very was we were what when where which while who whom why will with would ' +
    'you your yours yourself yourselves how also may might must shall whether s t can cannot could tell please explain ' +
    'describe give know let us show'
  ).split(' '),
);

/** Content terms of `text`, in order, stemmed (duplicates kept: callers count term frequency). */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!raw || STOPWORDS.has(raw)) continue;
    // single letters carry no topic; single digits often do ("1 in 5 million"), so keep those
    if (raw.length === 1 && !/\d/.test(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}
