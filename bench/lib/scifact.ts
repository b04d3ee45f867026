import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the benchmarks read BEIR SciFact: `SCIFACT_DIR`, else the shared data folder beside the
 * checkout (`../shared/eval/scifact`). One rule for every benchmark, so a checkout elsewhere (a
 * clean clone under /tmp) needs one variable, not an edit.
 */
export const SCIFACT_DIR = process.env.SCIFACT_DIR ?? resolve(import.meta.dirname, '../../../shared/eval/scifact');

/** A file of the SciFact folder, or an error that says how to point the benchmarks at it. */
export function scifactFile(name: 'corpus.jsonl' | 'queries.jsonl'): string {
  const path = join(SCIFACT_DIR, name);
  if (!existsSync(path)) throw new Error(`SciFact's ${name} is not at ${path}: set SCIFACT_DIR to the folder holding corpus.jsonl and queries.jsonl`);
  return path;
}

/** Whether the corpus is there (benchmarks that fall back to synthetic texts without it). */
export function hasScifactCorpus(): boolean {
  return existsSync(join(SCIFACT_DIR, 'corpus.jsonl'));
}
