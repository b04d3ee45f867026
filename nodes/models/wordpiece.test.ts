import { readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../testing/random';
import { SPECIAL_TOKENS, tinyTokenizerJson } from '../testing/tiny-onnx';
import { bertWordPiece } from './wordpiece';

// 1,109 SciFact queries, and 67 SciFact passages (title and abstract) chosen so that together they hold
// every non-ASCII character of the corpus (Greek letters, dashes, ±, µ, ﬁ, soft hyphens, U+FFFD,
// private-use characters…) plus ten plain ASCII ones
const queries = readFileSync(new URL('../guard/rules/fixtures/scifact-queries.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
const passages = Object.values(JSON.parse(readFileSync(new URL('./fixtures/scifact-passages.json', import.meta.url), 'utf8')) as Record<string, string>);

/**
 * A WordPiece vocabulary with the shape of a real one, from the texts: frequent words whole, word
 * starts and `##` endings of rarer words, and single characters (a few left out, so that some words
 * have no split and become [UNK]).
 */
function vocabulary(texts: string[], { cased }: { cased: boolean }): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const folded = cased ? text : text.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
    for (const word of folded.match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const ranked = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1));
  // characters outside the BMP (two UTF-16 units each) in words and pieces
  const vocab = new Set([...SPECIAL_TOKENS, '😀', '##😀', 'x𝛽', '𝛽', '##𝛽', '##2']);
  ranked.slice(0, 1500).forEach((w) => vocab.add(w));
  for (const word of ranked.slice(1500, 4000)) {
    const chars = Array.from(word);
    for (let n = 2; n <= 5 && n < chars.length; n++) {
      vocab.add(chars.slice(0, n).join(''));
      vocab.add(`##${chars.slice(-n).join('')}`);
    }
  }
  const left = new Set(['q', 'ψ', 'ω', '7', 'ﬁ']);
  for (const word of ranked) {
    for (const c of word) {
      if (left.has(c.toLowerCase())) continue;
      vocab.add(c);
      vocab.add(`##${c}`);
    }
  }
  return [...vocab];
}

interface Variant {
  name: string;
  normalizer: { clean_text: boolean; handle_chinese_chars: boolean; strip_accents: boolean | null; lowercase: boolean };
  maxChars?: number;
  /** extra added tokens (not special: the library matches them after normalisation) */
  added?: string[];
}

function tokenizerJson(vocab: string[], variant: Variant) {
  return tinyTokenizerJson(vocab, { normalizer: variant.normalizer, maxInputCharsPerWord: variant.maxChars, addedTokens: variant.added });
}

/** Strings built from awkward pieces: controls, odd spaces, accents, CJK, astral characters, added tokens, long words. */
function fuzz(count: number, words: string[], seed: number): string[] {
  const awkward = [
    '\t', '\n', '\r', '\v', '\f', '\x00', '\x01', '\x7f', '\u0085', '\u00a0', '\u2002', '\u2003', '\u2009', '\u200a', '\u202f', '\u3000', 'a\u00a0b', '\u200b', '\u00ad', '\ufeff', '\ufffd', '\ue000',
    'é', 'É', 'e\u0301', '\u0301', 'ß', 'İ', 'ı', 'ΣΑΣ', 'Σ', 'ς', 'ǅ', 'ﬁ', 'Ⅻ', '½', '中', '文字', '日本語', '한국어', '\u{20000}', '😀', '👍🏽',
    '«', '»', '—', '–', '‐', '‑', '―', '’', '‘', '“', '”', 'don’t', '±', '·', '…', '−1', 'x−y', '5±2', '2×3', '37°C', 'CO₂', '\u2016', '\u2017', '\u201a', '\u2027', '¿', '¡', '$', '+', '<', '=', '>', '^', '`', '|', '~', '_', '[CLS]', '[SEP]', '[cls]', '[MASK', '##',
    'x'.repeat(101), 'ab'.repeat(60), `${'é'.repeat(99)}`, `${'é'.repeat(101)}`, 'don\'t', 'e.g.', 'U.S.A.', '3.14', '1,000', 'COVID-19', 'IL-6',
    '<Marker>', '<marker>', '😀😀', 'x𝛽2', 'a😀', '𝛽𝛽x', 'Ünïcödé', 'ΑΒΓ', 'αβγ', 'Straße', 'ǈ',
  ];
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const separators = ['', ' ', ' ', ' ', '  ', '\n', '-', '/'];
  return Array.from({ length: count }, () => {
    const parts = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
      const word = random() < 0.5 ? pick(words) : pick(awkward);
      return random() < 0.2 ? word.toUpperCase() : random() < 0.2 ? word[0]!.toUpperCase() + word.slice(1) : word;
    });
    return parts.reduce((text, part) => text + pick(separators) + part, '');
  });
}

const UNCASED = { clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true };
const variants: Variant[] = [
  { name: 'uncased BERT (BERT, MiniLM, bge, e5)', normalizer: UNCASED },
  { name: 'cased BERT', normalizer: { ...UNCASED, lowercase: false } },
  { name: 'lowercased, accents kept', normalizer: { ...UNCASED, strip_accents: false } },
  { name: 'cased, accents stripped', normalizer: { ...UNCASED, lowercase: false, strip_accents: true } },
  { name: 'no text cleaning, no CJK spacing', normalizer: { ...UNCASED, clean_text: false, handle_chinese_chars: false } },
  { name: 'short words only, a normalised added token', normalizer: UNCASED, maxChars: 8, added: ['<Marker>'] },
];

describe('bertWordPiece gives the tokens @huggingface/tokenizers gives', () => {
  const words = [...new Set(queries.join(' ').split(/\s+/))];
  const fuzzed = fuzz(3000, words, 7);

  for (const variant of variants) {
    it(variant.name, () => {
      const vocab = vocabulary([...queries, ...passages], { cased: !variant.normalizer.lowercase });
      const json = tokenizerJson(vocab, variant);
      const library = new Tokenizer(json, {});
      const fast = bertWordPiece(json, {}, library);
      expect(fast).toBeDefined();
      let unknown = 0;
      for (const text of [...queries, ...passages, ...fuzzed]) {
        const expected = library.tokenize(text, { add_special_tokens: false });
        // a message naming the text beats a diff of two long arrays
        const actual = fast!(text);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) expect({ text, actual }).toEqual({ text, actual: expected });
        unknown += expected.filter((t) => t === '[UNK]').length;
      }
      // the comparison covered words with no split, not only known ones
      expect(unknown).toBeGreaterThan(100);
    });
  }

  it('repeats its answers for cached words (the cache hands out copies, not its own arrays)', () => {
    const vocab = vocabulary(queries, { cased: false });
    const json = tokenizerJson(vocab, variants[0]!);
    const fast = bertWordPiece(json, {}, new Tokenizer(json, {}))!;
    const first = fast('Vitamin D deficiency');
    first.push('changed');
    expect(fast('Vitamin D deficiency')).toEqual(first.slice(0, -1));
  });

  it('leaves other tokenizers to the library', () => {
    const vocab = vocabulary(queries.slice(0, 50), { cased: false });
    const json = tokenizerJson(vocab, variants[0]!);
    const library = new Tokenizer(json, {});
    expect(bertWordPiece({ ...json, pre_tokenizer: { type: 'Whitespace' } }, {}, library)).toBeUndefined();
    expect(bertWordPiece({ ...json, normalizer: { type: 'NFKC' } }, {}, library)).toBeUndefined();
    expect(bertWordPiece({ ...json, model: { ...json.model, type: 'BPE' } }, {}, library)).toBeUndefined();
    expect(bertWordPiece(json, { do_lowercase_and_remove_accent: true }, library)).toBeUndefined();
  });
});
