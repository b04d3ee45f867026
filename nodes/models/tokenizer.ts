import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { NodeError } from '../core/errors';
import { bertWordPiece, type WordPieceJson } from './wordpiece';

/**
 * Hugging Face `tokenizer.json` → padded int64 batches for ONNX models. Tokenisation itself is
 * @huggingface/tokenizers (the transformers.js implementation), or for BERT-style WordPiece
 * tokenizers the same tokens from a faster path (wordpiece.ts); the library neither truncates nor
 * pads, so this module does both, the way the Rust `tokenizers` crate does by default: truncate the
 * content (longest first for pairs) so that the special tokens still fit, then pad every row to the
 * longest row.
 */

export interface EncodedBatch {
  batchSize: number;
  /** the padded length of every row */
  seqLength: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
  /** the unpadded length of each row */
  lengths: number[];
}

export interface TextTokenizer {
  /** encodes single texts (with the model's special tokens), each truncated to `maxLength` tokens. */
  encode(texts: readonly string[], maxLength: number): EncodedBatch;
  /** encodes (first, second) pairs, e.g. (query, passage) for a cross-encoder; segment B gets type id 1. */
  encodePairs(pairs: readonly (readonly [string, string])[], maxLength: number): EncodedBatch;
  /** the content tokens of a text, without special tokens (for inspection and tests). */
  tokenize(text: string): string[];
  padId: number;
}

interface PostProcessed {
  tokens: string[];
  tokens_pair?: string[];
  token_type_ids?: number[];
}
type PostProcessorFn = (a: string[], b: string[] | null, addSpecialTokens: boolean) => PostProcessed;

interface TokenizerJson extends WordPieceJson {
  padding?: { pad_id?: number; pad_token?: string } | null;
}

/** Loads `tokenizer.json` (and `tokenizer_config.json` when present) from a model directory. */
export async function loadTokenizer(dir: string): Promise<TextTokenizer> {
  const path = join(dir, 'tokenizer.json');
  const json = await readJson<TokenizerJson>(path, true);
  const config = (await readJson<Record<string, unknown>>(join(dir, 'tokenizer_config.json'), false)) ?? {};
  if (!json.model || typeof json.model !== 'object') {
    throw new NodeError('MODEL_UNAVAILABLE', `${path} has no "model" section: is it a Hugging Face tokenizer.json?`);
  }
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer({ added_tokens: [], ...json }, config);
  } catch (error) {
    throw new NodeError('MODEL_UNAVAILABLE', `cannot build a tokenizer from ${path}: ${(error as Error).message}`, { cause: error });
  }
  return createTextTokenizer(tokenizer, json, config, path);
}

function createTextTokenizer(tokenizer: Tokenizer, json: TokenizerJson, config: Record<string, unknown>, path: string): TextTokenizer {
  const post = tokenizer.post_processor as unknown as PostProcessorFn | null;
  const unkId = tokenizer.token_to_id('[UNK]') ?? tokenizer.token_to_id('<unk>') ?? 0;
  const padId = json.padding?.pad_id ?? idOf(tokenizer, json.padding?.pad_token) ?? idOf(tokenizer, '[PAD]') ?? idOf(tokenizer, '<pad>') ?? 0;

  const tokenize = bertWordPiece(json, config, tokenizer) ?? ((text: string): string[] => tokenizer.tokenize(text, { add_special_tokens: false }));

  /** joins content tokens with the model's special tokens; type ids 0 for A, 1 for B when unspecified. */
  const assemble = (a: string[], b: string[] | null): { tokens: string[]; types: number[] } => {
    if (!post) {
      return { tokens: [...a, ...(b ?? [])], types: [...a.map(() => 0), ...(b ?? []).map(() => 1)] };
    }
    const out = post(a, b, true);
    // ByteLevel-style processors hand the pair back unmerged
    const tokens = out.tokens_pair && b ? [...out.tokens, ...out.tokens_pair] : out.tokens;
    const types = out.token_type_ids && out.token_type_ids.length === tokens.length ? out.token_type_ids : tokens.map((_, i) => (i < out.tokens.length ? 0 : 1));
    return { tokens, types };
  };
  const specialsSingle = assemble([], null).tokens.length;
  const specialsPair = assemble([], []).tokens.length;

  const toIds = (tokens: string[]): number[] => tokens.map((t) => tokenizer.token_to_id(t) ?? unkId);

  const pad = (rows: { ids: number[]; types: number[] }[]): EncodedBatch => {
    const seqLength = Math.max(1, ...rows.map((r) => r.ids.length));
    const size = rows.length * seqLength;
    const inputIds = new BigInt64Array(size).fill(BigInt(padId));
    const attentionMask = new BigInt64Array(size);
    const tokenTypeIds = new BigInt64Array(size);
    rows.forEach((row, r) => {
      const offset = r * seqLength;
      row.ids.forEach((id, i) => {
        inputIds[offset + i] = BigInt(id);
        attentionMask[offset + i] = 1n;
        tokenTypeIds[offset + i] = BigInt(row.types[i] ?? 0);
      });
    });
    return { batchSize: rows.length, seqLength, inputIds, attentionMask, tokenTypeIds, lengths: rows.map((r) => r.ids.length) };
  };

  const checkMax = (maxLength: number, specials: number): void => {
    if (!Number.isInteger(maxLength) || maxLength <= specials) {
      throw new NodeError('INVALID_CONFIG', `maxLength ${maxLength} leaves no room for text (the tokenizer ${path} adds ${specials} special tokens)`);
    }
  };

  return {
    padId,
    tokenize,
    encode(texts, maxLength) {
      checkMax(maxLength, specialsSingle);
      const budget = maxLength - specialsSingle;
      return pad(
        texts.map((text) => {
          const { tokens, types } = assemble(tokenize(text).slice(0, budget), null);
          return { ids: toIds(tokens), types };
        }),
      );
    },
    encodePairs(pairs, maxLength) {
      checkMax(maxLength, specialsPair);
      const budget = maxLength - specialsPair;
      return pad(
        pairs.map(([first, second]) => {
          const [a, b] = truncateLongestFirst(tokenize(first), tokenize(second), budget);
          const { tokens, types } = assemble(a, b);
          return { ids: toIds(tokens), types };
        }),
      );
    },
  };
}

/** Removes tokens from the end of the longer sequence until both fit (the crate's `longest_first`). */
export function truncateLongestFirst<T>(a: T[], b: T[], budget: number): [T[], T[]] {
  let lenA = a.length;
  let lenB = b.length;
  while (lenA + lenB > budget) {
    if (lenA > lenB) lenA--;
    else lenB--;
  }
  return [a.slice(0, lenA), b.slice(0, lenB)];
}

function idOf(tokenizer: Tokenizer, token: string | undefined): number | undefined {
  return token === undefined ? undefined : tokenizer.token_to_id(token);
}

async function readJson<T>(path: string, required: true): Promise<T>;
async function readJson<T>(path: string, required: false): Promise<T | undefined>;
async function readJson<T>(path: string, required: boolean): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new NodeError('MODEL_UNAVAILABLE', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new NodeError('MODEL_UNAVAILABLE', `${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
