import { fileFailuresValue, type FileFailure, type FileFailuresValue } from '../../nodes/core/values';
import { plural } from '../lib/format';

/**
 * Reading an ingestion run's output for the upload panel: what was stored (`ingested`, the store
 * node's summary) and which files were left out and why (`rejected`, the parse node's failures).
 */

/** Counts whose noun changes in the singular ("1 chunk written"); other keys read the same either way. */
const SINGULAR: Record<string, string> = { chunksWritten: 'chunk written' };

/** {documents: 3, chunksWritten: 5, replaced: 0} → "3 documents: 5 chunks written" (zero counts left out) */
export function describeSummary(summary: Record<string, unknown>): string {
  const words = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const documents = typeof summary.documents === 'number' ? plural(summary.documents, 'document') : 'the documents';
  const details = Object.entries(summary)
    .filter(([k, v]) => k !== 'documents' && typeof v === 'number' && v > 0)
    .map(([k, v]) => `${v} ${v === 1 && SINGULAR[k] ? SINGULAR[k] : words(k)}`);
  return details.length ? `${documents}: ${details.join(', ')}` : documents;
}

/** The run output's `rejected` field when it is a parse node's failures (with at least one), else undefined. */
export function rejectedFiles(output: Record<string, unknown> | undefined): FileFailuresValue | undefined {
  return failuresIn(output?.rejected);
}

/** The run output's `unloaded` field: the web pages a page loader could not load (a web import's), else undefined. */
export function unloadedPages(output: Record<string, unknown> | undefined): FileFailuresValue | undefined {
  return failuresIn(output?.unloaded);
}

function failuresIn(value: unknown): FileFailuresValue | undefined {
  const parsed = fileFailuresValue.safeParse(value);
  return parsed.success && parsed.data.count > 0 ? parsed.data : undefined;
}

/** "1 file was not ingested", "3 files were not ingested"; "2 pages could not be loaded" */
export function rejectedHeading(rejected: FileFailuresValue, what: 'file' | 'page' = 'file'): string {
  if (what === 'page') return `${plural(rejected.count, 'page')} could not be loaded`;
  return `${plural(rejected.count, 'file')} ${rejected.count === 1 ? 'was' : 'were'} not ingested`;
}

/**
 * The reason of a failure without the file name or page address it opens with, since the list names
 * it: `"random.bin" is binary data that …` → `binary data that …`; `https://x/a answered HTTP 404` →
 * `answered HTTP 404`.
 */
export function failureReason(failure: FileFailure): string {
  const quoted = [`"${failure.file}"`, failure.file].find((name) => failure.message.startsWith(name));
  if (!quoted) return failure.message;
  const rest = failure.message
    .slice(quoted.length)
    .replace(/^:?\s+/, '')
    .replace(/^is\s+/, '');
  return rest || failure.message;
}
