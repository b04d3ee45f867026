import type { DocumentValue } from '../../../core/values';

/** What a format parser returns; the node adds ids, hashes and the common metadata. */
export interface ParsedContent {
  text: string;
  title?: string;
  sections?: NonNullable<DocumentValue['sections']>;
  /** format-specific metadata (pageCount, ocrEngine, ...). */
  metadata?: Record<string, unknown>;
}
