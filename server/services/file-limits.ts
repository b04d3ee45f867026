import type { GraphSpec } from '../../nodes/core/spec';
import { fileInput } from '../../nodes/io/file-input/definition';
import { firstOversizeFile } from '../../nodes/io/file-input/file-size';
import { ServiceError } from './errors';

/**
 * Refuses, before a run starts, a file larger than the graph's File input accepts: its run would
 * only fail at that node, after the whole upload was stored as the run's input. `owner` names what
 * sets the limit: 'the ingestion graph "…"', 'endpoint "…" (v3)'.
 */
export function assertFilesFit(spec: GraphSpec, owner: string, files: readonly { name: string; contentBase64: string }[]): void {
  const limits = spec.nodes.filter((n) => n.type === fileInput.type).map((n) => fileInput.config.safeParse(n.config));
  const maxFileMB = Math.min(...limits.flatMap((parsed) => (parsed.success ? [parsed.data.maxFileMB] : [])));
  if (!Number.isFinite(maxFileMB)) return; // no File input (or one the run will refuse itself)
  const oversize = firstOversizeFile(files, maxFileMB);
  if (!oversize) return;
  const { file, bytes } = oversize;
  throw new ServiceError(
    'PAYLOAD_TOO_LARGE',
    `file "${file.name}" is ${bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`}; ${owner} accepts at most ${maxFileMB} MB per file (its File input's "maxFileMB"): split the file, or raise that limit in a new version of the graph`,
  );
}
