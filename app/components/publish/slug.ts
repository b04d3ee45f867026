/** A URL slug suggested from a graph name: lowercase letters, digits and single dashes, at most 63 characters. */
export function suggestSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^example:\s*/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug || 'endpoint';
}

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
