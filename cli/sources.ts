import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { FileValue } from '../nodes/core/values';
import { beirCorpusPath, beirDocumentText, countLines, readBeirCorpus } from './beir';

/**
 * What `rag ingest PATH...` reads: plain files, folders (every file below, recursively, skipping dot
 * files) and BEIR datasets (a folder with corpus.jsonl, or that file). Yields FileValues lazily so a
 * large corpus never sits in memory at once.
 */
export interface IngestSource {
  total: number;
  files: AsyncGenerator<FileValue>;
}

export function ingestSources(paths: readonly string[]): IngestSource {
  let total = 0;
  const plans: (() => AsyncGenerator<FileValue>)[] = [];
  for (const raw of paths) {
    const path = resolve(raw);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new Error(`${raw} does not exist`);
    }
    const corpus = beirCorpusPath(path);
    if (corpus) {
      total += countLines(corpus);
      plans.push(() => beirFiles(corpus));
    } else if (stats.isDirectory()) {
      const files = walk(path);
      total += files.length;
      plans.push(() => diskFiles(files, path));
    } else {
      total += 1;
      plans.push(() => diskFiles([path], undefined));
    }
  }
  async function* all() {
    for (const plan of plans) yield* plan();
  }
  return { total, files: all() };
}

async function* beirFiles(corpus: string): AsyncGenerator<FileValue> {
  for await (const doc of readBeirCorpus(corpus)) {
    const text = beirDocumentText(doc);
    yield {
      name: `${doc.id}.txt`,
      mimeType: 'text/plain',
      contentBase64: Buffer.from(text, 'utf8').toString('base64'),
      sourceId: doc.id,
      ...(doc.title && { metadata: { title: doc.title } }),
    };
  }
}

async function* diskFiles(files: readonly string[], root: string | undefined): AsyncGenerator<FileValue> {
  for (const file of files) {
    const bytes = readFileSync(file);
    yield {
      name: basename(file),
      contentBase64: bytes.toString('base64'),
      size: bytes.length,
      // files under a folder are known by their path inside it, so two README.md stay apart
      sourceId: root ? relative(root, file).split('\\').join('/') : basename(file),
    };
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Groups a stream into arrays of at most `size`. */
export async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
