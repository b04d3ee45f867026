import { markdownStructure } from '../markdown-sections';
import type { ParsedContent } from './parsed-content';

/** Plain text is kept as it is (newlines normalised by the decoder). */
export function parsePlainText(text: string): ParsedContent {
  return { text };
}

/** Markdown is kept as markdown (tables stay tables); headings become sections. */
export function parseMarkdown(text: string): ParsedContent {
  const structure = markdownStructure(text);
  return { text, title: structure.title, sections: structure.sections };
}
