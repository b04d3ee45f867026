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
  const parsed = fileFailuresValue.safeParse(output?.rejected);
  return parsed.success && parsed.data.count > 0 ? parsed.data : undefined;
}

/** "1 file was not ingested", "3 files were not ingested" */
export function rejectedHeading(rejected: FileFailuresValue): string {
  return `${plural(rejected.count, 'file')} ${rejected.count === 1 ? 'was' : 'were'} not ingested`;
}

/**
 * The reason of a failure without the file name it opens with, since the list names the file:
 * `"random.bin" is binary data that …` → `binary data that …`.
 */
export function failureReason(failure: FileFailure): string {
  const quoted = `"${failure.file}"`;
  if (!failure.message.startsWith(quoted)) return failure.message;
  const rest = failure.message
    .slice(quoted.length)
    .replace(/^:?\s+/, '')
    .replace(/^is\s+/, '');
  return rest || failure.message;
}
