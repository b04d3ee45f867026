import type { Tokenizer } from '@huggingface/tokenizers';

/**
 * A fast path for BERT-style tokenizers (BertNormalizer, BertPreTokenizer and a WordPiece model: the
 * tokenizer of BERT, MiniLM, bge, e5 and most sentence embedders and cross-encoders) that yields the
 * tokens @huggingface/tokenizers yields, several times faster. Tokenising ran on the model's thread
 * before every model call and cost a small encoder about a tenth of its time.
 * - Plain text, ASCII with typeset punctuation and spaces (nearly every query, most passages), is
 *   lowercased and split in one pass over its character codes; other text goes through the
 *   library's own normalizer and pre-tokenizer.
 * - The pieces of each word are kept in a bounded cache: natural text repeats its words.
 * - A text holding an added token ([CLS], [SEP]…) goes to the library whole, since added tokens split
 *   a text before anything else does.
 * wordpiece.test.ts compares both paths over SciFact and fuzzed text, for several normalizer settings.
 */

export interface WordPieceJson {
  added_tokens?: { id: number; content: string; special?: boolean; normalized?: boolean }[];
  normalizer?: { type?: string; lowercase?: boolean } | null;
  pre_tokenizer?: { type?: string } | null;
  model?: { type?: string; unk_token?: unknown; continuing_subword_prefix?: unknown; max_input_chars_per_word?: unknown };
}

type Split = (text: string) => string[];

/** words whose pieces are cached (a few MB at most); the cache starts over when full */
const CACHE_LIMIT = 50_000;

/**
 * The content tokens of a text (no special tokens), or undefined when this tokenizer is not the
 * BERT shape the fast path reproduces (the caller then uses the library for every text).
 */
export function bertWordPiece(json: WordPieceJson, config: Record<string, unknown>, tokenizer: Tokenizer): ((text: string) => string[]) | undefined {
  const model = json.model;
  if (model?.type !== 'WordPiece' || json.normalizer?.type !== 'BertNormalizer' || json.pre_tokenizer?.type !== 'BertPreTokenizer') return undefined;
  if (config.remove_space === true || config.do_lowercase_and_remove_accent) return undefined;
  if (typeof model.unk_token !== 'string' || typeof model.continuing_subword_prefix !== 'string') return undefined;
  const normalize = tokenizer.normalizer as unknown as ((text: string) => string) | null;
  const preTokenize = tokenizer.pre_tokenizer as unknown as Split | null;
  if (!normalize || !preTokenize) return undefined;

  // the library's own vocabulary (added tokens included, as the library adds them to it)
  const known = (token: string) => tokenizer.token_to_id(token) !== undefined;
  // the library splits text at added tokens, raw or normalized, before anything else
  const rawAdded: string[] = [];
  const normalizedAdded: string[] = [];
  for (const token of json.added_tokens ?? []) {
    if (token.normalized ?? !token.special) normalizedAdded.push(normalize(token.content));
    else rawAdded.push(token.content);
  }
  const pieces = wordPieces(known, model.unk_token, model.continuing_subword_prefix, typeof model.max_input_chars_per_word === 'number' ? model.max_input_chars_per_word : 100);
  const lowercase = json.normalizer.lowercase === true;
  const holdsAdded = (list: string[], text: string) => list.some((content) => content.length > 0 && text.includes(content));
  const library = (text: string) => tokenizer.tokenize(text, { add_special_tokens: false });

  return (text) => {
    if (holdsAdded(rawAdded, text)) return library(text);
    let words: string[];
    if (isPlain(text)) {
      const normalized = lowercase ? text.toLowerCase() : text;
      // with clean_text the library sees tabs, newlines and typeset spaces as spaces; either way, a hit goes to the library
      if (normalizedAdded.length && (holdsAdded(normalizedAdded, normalized) || holdsAdded(normalizedAdded, normalized.replace(SPACES, ' ')))) return library(text);
      words = splitPlain(normalized);
    } else {
      const normalized = normalize(text);
      if (holdsAdded(normalizedAdded, normalized)) return library(text);
      words = preTokenize(normalized);
    }
    const tokens: string[] = [];
    for (const word of words) for (const piece of pieces(word)) tokens.push(piece);
    return tokens;
  };
}

/**
 * Punctuation beyond ASCII that typeset text is full of: guillemets, middle dot, hyphens and dashes,
 * curly quotes, ellipsis. Each is Unicode punctuation, which BERT splits off alone, and neither
 * case folding, accent stripping nor text cleaning changes it.
 */
const TYPESET_PUNCTUATION = new Set([0xab, 0xb7, 0xbb, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026]);

/**
 * Typeset spaces (no-break, en, em, thin, narrow no-break): whitespace to the library, which splits
 * words at them whether or not it cleans the text first. HTML is full of no-break spaces.
 */
const TYPESET_SPACES = new Set([0xa0, 0x2002, 0x2003, 0x2009, 0x202f]);

/** every space of plain text other than ' ', which the library's text cleaning makes ' ' */
const SPACES = new RegExp(`[\\t\\n\\r${[...TYPESET_SPACES].map((c) => String.fromCharCode(c)).join('')}]`, 'g');

/**
 * Printable ASCII, tab, newline, carriage return, typeset punctuation and spaces only: for such text
 * the Bert normalizer changes nothing but letter case and spaces (it removes other control
 * characters, which the library path handles).
 */
function isPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 126 ? !TYPESET_PUNCTUATION.has(c) && !TYPESET_SPACES.has(c) : c < 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || (c > 126 && TYPESET_SPACES.has(c));
}

/** Punctuation as BERT counts it in plain text: every printable ASCII character that is not a letter or digit, and typeset punctuation */
function isPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) || (c > 126 && TYPESET_PUNCTUATION.has(c));
}

/** BertPreTokenizer on plain text: runs of letters and digits, each punctuation mark alone. */
function splitPlain(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = isSpace(c);
    if (space || isPunctuation(c)) {
      if (start >= 0) words.push(text.slice(start, i));
      start = -1;
      if (!space) words.push(text[i]!);
    } else if (start < 0) start = i;
  }
  if (start >= 0) words.push(text.slice(start));
  return words;
}

/** WordPiece's greedy longest-match-first split of one word, cached per word. */
function wordPieces(known: (token: string) => boolean, unk: string, prefix: string, maxChars: number): (word: string) => readonly string[] {
  const cache = new Map<string, readonly string[]>();
  const split = (word: string): readonly string[] => {
    const chars = Array.from(word); // code points, as the library counts them
    if (chars.length > maxChars) return [unk];
    const oneUnitPerChar = chars.length === word.length; // no surrogate pairs: slice the string itself
    const out: string[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found: string | undefined;
      while (start < end) {
        const body = oneUnitPerChar ? word.slice(start, end) : chars.slice(start, end).join('');
        const candidate = start > 0 ? prefix + body : body;
        if (known(candidate)) {
          found = candidate;
          break;
        }
        end--;
      }
      if (found === undefined) return [unk];
      out.push(found);
      start = end;
    }
    return out;
  };
  return (word) => {
    let hit = cache.get(word);
    if (!hit) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      hit = split(word);
      cache.set(word, hit);
    }
    return hit;
  };
}
