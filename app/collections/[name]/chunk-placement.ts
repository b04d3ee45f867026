/**
 * Where a chunk sits in its document, from what the chunker recorded (nodes/chunk/shared/build-chunk):
 * its heading path, page(s), character offsets and the chunker that cut it. The rest of a chunk's
 * metadata repeats its document's (title, file name, type) and is left out.
 */
export function chunkPlacement(metadata: Record<string, unknown>): string[] {
  const parts: string[] = [];
  const headings = Array.isArray(metadata.headingPath) ? metadata.headingPath.filter((h): h is string => typeof h === 'string' && h.trim() !== '') : [];
  if (headings.length) parts.push(`§ ${headings.join(' › ')}`);
  const page = finite(metadata.page);
  const pageEnd = finite(metadata.pageEnd);
  if (page !== undefined) parts.push(pageEnd !== undefined && pageEnd !== page ? `pages ${page}–${pageEnd}` : `page ${page}`);
  const start = finite(metadata.start);
  const end = finite(metadata.end);
  if (start !== undefined && end !== undefined) parts.push(`characters ${start.toLocaleString('en')}–${end.toLocaleString('en')}`);
  if (typeof metadata.chunker === 'string' && metadata.chunker) parts.push(`${metadata.chunker} chunker`);
  return parts;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
