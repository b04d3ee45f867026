import type { DocumentValue, FileValue } from '../../core/values';
import { uuidFromParts } from '../../chunk/shared/uuid';
import type { DocumentFormat } from './detect-format';
import { MIME_TYPES } from './detect-format';
import type { ParsedContent } from './formats/parsed-content';

/**
 * The DocumentValue for a parsed file. The id is a UUID derived from the source id alone, so
 * re-ingesting a changed file replaces the same document; contentHash (sha256 of the bytes) tells
 * whether it changed. The caller's file metadata is kept; the parser's fields win on conflicts, except
 * a non-empty `title` the caller gives (they know their document better than a heading heuristic).
 */
export function buildDocument(file: FileValue, format: DocumentFormat, contentHash: string, size: number, parsed: ParsedContent): DocumentValue {
  const sourceId = file.sourceId ?? file.name;
  const doc: DocumentValue = {
    id: uuidFromParts('document', sourceId),
    sourceId,
    text: parsed.text,
    metadata: {
      ...file.metadata,
      ...parsed.metadata,
      source: sourceId,
      fileName: file.name,
      title: callerTitle(file) ?? (parsed.title?.trim() || titleFromFileName(file.name)),
      mimeType: MIME_TYPES[format],
      format,
      size,
      contentHash,
    },
  };
  if (parsed.sections && parsed.sections.length > 0) doc.sections = parsed.sections;
  return doc;
}

function callerTitle(file: FileValue): string | undefined {
  const title = file.metadata?.title;
  return typeof title === 'string' && title.trim() ? title.trim() : undefined;
}

/** "reports/q3_summary-final.pdf" → "q3 summary-final". */
function titleFromFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  return stem.replace(/_+/g, ' ').trim() || base;
}
