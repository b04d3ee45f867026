import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseBeirQueries, parseQrels } from '../server/evaluation/judged-queries';
import type { Qrels } from '../server/evaluation/metrics';

/**
 * BEIR dataset files (Thakur et al. 2021): corpus.jsonl {_id, title, text}, queries.jsonl {_id, text},
 * qrels/*.tsv (query-id, corpus-id, score; header line; CRLF as shipped).
 */
export interface BeirDoc {
  id: string;
  title: string;
  text: string;
}

/** A BEIR folder (holding corpus.jsonl) or a corpus.jsonl file itself; undefined for anything else. */
export function beirCorpusPath(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  if (statSync(path).isDirectory()) {
    const corpus = join(path, 'corpus.jsonl');
    return existsSync(corpus) ? corpus : undefined;
  }
  return path.endsWith('corpus.jsonl') ? path : undefined;
}

/** Streams the corpus line by line (it can be large). */
export async function* readBeirCorpus(path: string): AsyncGenerator<BeirDoc> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let row: { _id?: unknown; title?: unknown; text?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      throw new Error(`${path}:${lineNo}: not a JSON line`);
    }
    if (typeof row._id !== 'string' && typeof row._id !== 'number') throw new Error(`${path}:${lineNo}: a corpus line needs an "_id"`);
    yield { id: String(row._id), title: typeof row.title === 'string' ? row.title : '', text: typeof row.text === 'string' ? row.text : '' };
  }
}

/** The text a BEIR document is indexed as: title, blank line, abstract (as BM25 baselines index it). */
export function beirDocumentText(doc: BeirDoc): string {
  return doc.title ? `${doc.title}\n\n${doc.text}` : doc.text;
}

/** Non-empty lines of a file, read in chunks: a corpus never has to fit in one string. */
export function countLines(path: string): number {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let lines = 0;
  let lineHasContent = false;
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      for (let i = 0; i < read; i++) {
        const byte = buffer[i]!;
        if (byte === 0x0a) {
          if (lineHasContent) lines++;
          lineHasContent = false;
        } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) lineHasContent = true;
      }
    }
  } finally {
    closeSync(fd);
  }
  return lineHasContent ? lines + 1 : lines;
}

/** The file's text, or an error naming the option and the path when it cannot be read. */
function readText(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`${what}: ${path} does not exist`);
  return readFileSync(path, 'utf8');
}

export function readBeirQueries(path: string): Map<string, string> {
  return parseBeirQueries(readText(path, '--queries'), path);
}

export function readQrels(path: string): Qrels {
  return parseQrels(readText(path, '--qrels'), path);
}
