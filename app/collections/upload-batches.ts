import { REQUEST_LIMITS } from '../../nodes/core/request-limits';

/**
 * Splitting a browser upload into multipart requests under the upload route's body limit
 * (server/http/browser-upload.ts): a few files per request keeps each ingestion run moderate. Pure.
 */
export const MAX_BATCH_BYTES = 48 * 1024 * 1024;
/** one file must fit one request on its own (the limit less 1 MB of room for the multipart framing) */
export const MAX_FILE_BYTES = REQUEST_LIMITS.uploadBytes - 1024 * 1024;

export interface SizedFile {
  name: string;
  size: number;
}

/** Groups file indexes in order into batches of at most `maxBytes` (a lone big file gets its own batch). */
export function batchFiles(files: readonly SizedFile[], maxBytes = MAX_BATCH_BYTES): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  files.forEach((file, index) => {
    if (current.length > 0 && bytes + file.size > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += file.size;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Files the browser upload cannot take, with the reason. */
export function oversizedFiles(files: readonly SizedFile[], maxFileBytes = MAX_FILE_BYTES): string[] {
  return files.filter((f) => f.size > maxFileBytes).map((f) => `${f.name} is ${(f.size / 1024 / 1024).toFixed(1)} MB (the browser upload takes up to ${(maxFileBytes / 1024 / 1024).toFixed(1)} MB per file; use POST /api/v1/collections/{name}/documents or the CLI for larger files)`);
}

/** Overall upload progress (0..1) from bytes sent in the current batch and the batches before it. */
export function uploadFraction(batchBytes: readonly number[], batchIndex: number, sentInBatch: number, totalInBatch: number): number {
  const total = batchBytes.reduce((a, b) => a + b, 0);
  if (total === 0) return 1;
  const before = batchBytes.slice(0, batchIndex).reduce((a, b) => a + b, 0);
  const share = batchBytes[batchIndex] ?? 0;
  const inBatch = totalInBatch > 0 ? Math.min(1, sentInBatch / totalInBatch) : 0;
  return Math.min(1, (before + share * inBatch) / total);
}
