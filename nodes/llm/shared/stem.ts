import { createRequire } from 'node:module';

/**
 * Porter2 (Snowball English) stemmer from wink-porter2-stemmer. The package is CommonJS without type
 * declarations; requiring it here keeps one typed entry point instead of an ambient module declaration
 * that could clash with another folder's.
 */
const stemWord = createRequire(import.meta.url)('wink-porter2-stemmer') as (word: string) => string;

const cache = new Map<string, string>();

/** Stems a lowercased word; memoised because the same words recur across passages and queries. */
export function stem(word: string): string {
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed = stemWord(word);
    if (cache.size > 50_000) cache.clear(); // bound memory in long-lived workers
    cache.set(word, stemmed);
  }
  return stemmed;
}
