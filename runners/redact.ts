/**
 * Previews of node inputs and outputs for the trace: secrets redacted, file bytes and vectors
 * summarised, long strings and lists cut, so a NodeRun row stays small and safe to show.
 */
const SECRET_KEY = /(api[-_]?key|secret|token|password|authorization|credential)/i;
const MAX_STRING = 400;
const MAX_ITEMS = 12;
const MAX_DEPTH = 6;

export function preview(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value;
  if (typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `[${value.length} items]` : '{…}';
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'number')) return `[${value.length} numbers]`;
    if (value.length > 0 && value.every((v) => Array.isArray(v))) return `[${value.length} vectors]`;
    const items = value.slice(0, MAX_ITEMS).map((v) => preview(v, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEY.test(key) && typeof v === 'string' && v.length > 0) out[key] = '[redacted]';
    else if (key === 'contentBase64' && typeof v === 'string') out[key] = `[${Math.floor((v.length * 3) / 4)} bytes]`;
    else out[key] = preview(v, depth + 1);
  }
  return out;
}
