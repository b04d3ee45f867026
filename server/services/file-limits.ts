import type { GraphSpec } from '../../nodes/core/spec';
import { fileInput } from '../../nodes/io/file-input/definition';
import { ServiceError } from './errors';

/**
 * Refuses, before a run starts, a file larger than the graph's File input accepts: its run would
 * only fail at that node, after the whole upload was stored as the run's input. `owner` names what
 * sets the limit: 'the ingestion graph "…"', 'endpoint "…" (v3)'.
 */
export function assertFilesFit(spec: GraphSpec, owner: string, files: readonly { name: string; contentBase64: string; size?: number }[]): void {
  const limits = spec.nodes.filter((n) => n.type === fileInput.type).map((n) => fileInput.config.safeParse(n.config));
  const maxFileMB = Math.min(...limits.flatMap((parsed) => (parsed.success ? [parsed.data.maxFileMB] : [])));
  if (!Number.isFinite(maxFileMB)) return; // no File input (or one the run will refuse itself)
  for (const file of files) {
    const size = file.size ?? Math.floor((file.contentBase64.length * 3) / 4);
    if (size > maxFileMB * 1024 * 1024) {
      throw new ServiceError(
        'PAYLOAD_TOO_LARGE',
        `file "${file.name}" is ${size < 1048576 ? `${(size / 1024).toFixed(1)} KB` : `${(size / 1048576).toFixed(1)} MB`}; ${owner} accepts at most ${maxFileMB} MB per file (its File input's "maxFileMB"): split the file, or raise that limit in a new version of the graph`,
      );
    }
  }
}
