/**
 * How many bytes a file's base64 (`FileValue.contentBase64`) holds: what size limits, previews and
 * traces count, rather than the `size` a client may declare beside it.
 */
export function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}
