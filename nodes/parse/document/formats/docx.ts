import { NodeError } from '../../../core/errors';
import { markdownStructure } from '../markdown-sections';
import { htmlToMarkdown } from './html';
import type { ParsedContent } from './parsed-content';
import { assertUnzipsWithin } from './decompression-budget';

/**
 * DOCX → HTML (mammoth maps Word heading styles to <h1>.., tables to <table>) → the same markdown
 * path as HTML pages, so headings become sections and tables markdown tables.
 */
export async function parseDocx(bytes: Uint8Array, name: string): Promise<ParsedContent> {
  await assertUnzipsWithin(bytes, name);
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
  } catch (cause) {
    throw new NodeError('CORRUPT_FILE', `"${name}" is not a readable Word document (${cause instanceof Error ? cause.message : String(cause)}); re-save it as .docx`, { cause });
  }
  const text = await htmlToMarkdown(html);
  if (!text.trim()) throw new NodeError('EMPTY_INPUT', `"${name}" contains no text`);
  const structure = markdownStructure(text);
  return { text, title: structure.title, sections: structure.sections };
}
