import { createHash } from 'node:crypto';

/**
 * A deterministic UUID from its parts: sha256 over the parts (NUL-separated, so ("ab","c") and
 * ("a","bc") differ), formatted 8-4-4-4-12 with the version nibble set to 8 ("custom", RFC 9562) and
 * the RFC variant bits, so Postgres `uuid` columns and strict validators both accept it. Re-ingesting
 * the same input yields the same ids, which makes upserts idempotent.
 */
export function uuidFromParts(...parts: readonly (string | number)[]): string {
  const hex = createHash('sha256').update(parts.map(String).join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
