import { base64Bytes } from '../../../nodes/core/file-bytes';
/**
 * A run input or node preview made fit to show: file contents (base64) become their size, long
 * strings and arrays are cut with a note saying how much was left out. Pure.
 */
export function summarizeForDisplay(value: unknown, options: { maxString?: number; maxItems?: number; depth?: number } = {}): unknown {
  const maxString = options.maxString ?? 400;
  const maxItems = options.maxItems ?? 50;
  const walk = (v: unknown, depth: number, key?: string): unknown => {
    if (typeof v === 'string') {
      if (key === 'contentBase64') return `‹${formatBytes(base64Bytes(v))} of file content›`;
      return v.length > maxString ? `${v.slice(0, maxString)}… (${v.length - maxString} more characters)` : v;
    }
    if (v === null || typeof v !== 'object') return v;
    if (depth > (options.depth ?? 8)) return Array.isArray(v) ? `[${v.length} items]` : '{…}';
    if (Array.isArray(v)) {
      const items = v.slice(0, maxItems).map((item) => walk(item, depth + 1));
      if (v.length > maxItems) items.push(`… ${v.length - maxItems} more items`);
      return items;
    }
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, item]) => [k, walk(item, depth + 1, k)]));
  };
  return walk(value, 0);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One line describing a run input: the question, or how many files. */
export function inputHeadline(input: unknown): string {
  if (!input || typeof input !== 'object') return '';
  const record = input as Record<string, unknown>;
  if (typeof record.query === 'string') return record.query;
  if (Array.isArray(record.files)) {
    const names = record.files.map((f) => (f as { name?: unknown }).name).filter((n): n is string => typeof n === 'string');
    return `${names.length} file${names.length === 1 ? '' : 's'}: ${names.slice(0, 3).join(', ')}${names.length > 3 ? `, +${names.length - 3} more` : ''}`;
  }
  return '';
}

/** A duration for chips and timelines: "<1 ms" rather than "0.00 ms" for the instant nodes. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
