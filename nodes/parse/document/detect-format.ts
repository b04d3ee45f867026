import { NodeError } from '../../core/errors';

export type DocumentFormat = 'pdf' | 'docx' | 'html' | 'markdown' | 'text' | 'png' | 'jpeg';

export const MIME_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  markdown: 'text/markdown',
  text: 'text/plain',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** Binary signatures we recognise but cannot parse, so the error can say what the file is. */
const KNOWN_UNSUPPORTED: { magic: number[]; what: string }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'a legacy Office file (.doc/.xls/.ppt); save it as .docx or PDF' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image; convert it to PNG or JPEG for OCR' },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image; convert it to PNG or JPEG for OCR' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image; convert it to PNG or JPEG for OCR' },
  { magic: [0x42, 0x4d], what: 'a BMP image; convert it to PNG or JPEG for OCR' },
  { magic: [0x1f, 0x8b], what: 'a gzip archive; unpack it first' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable (ELF)' },
  { magic: [0x4d, 0x5a], what: 'an executable (Windows)' },
  { magic: [0x25, 0x21, 0x50, 0x53], what: 'a PostScript file; convert it to PDF' },
];

/** The binary formats a name or MIME type can claim, and what their bytes start with. */
const CLAIMED: Partial<Record<DocumentFormat, { extensions: string[]; what: string; signature: string }>> = {
  pdf: { extensions: ['pdf'], what: 'a PDF', signature: 'no "%PDF-" header in its first 1 KB' },
  docx: { extensions: ['docx'], what: 'a Word document', signature: 'not a ZIP archive holding word/document.xml' },
  png: { extensions: ['png'], what: 'a PNG image', signature: 'no PNG signature' },
  jpeg: { extensions: ['jpg', 'jpeg'], what: 'a JPEG image', signature: 'no JPEG signature' },
};

/**
 * Decides a file's format: magic bytes first (they cannot lie about binary formats), then for text
 * the extension and declared MIME type, then a look at the content (an HTML document type). Throws
 * UNSUPPORTED_FORMAT naming what the file seems to be.
 */
export function detectFormat(bytes: Uint8Array, name: string, mimeType?: string): DocumentFormat {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  // the PDF header may follow a little junk; readers accept it within the first 1 KB
  if (indexOfAscii(bytes, '%PDF-', 1024) !== -1) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    // zip entry names are stored uncompressed, so the main part's name is visible in the bytes
    if (indexOfAscii(bytes, 'word/document.xml') !== -1) return 'docx';
    const what = indexOfAscii(bytes, 'xl/workbook') !== -1 ? 'an Excel workbook (.xlsx)' : indexOfAscii(bytes, 'ppt/presentation') !== -1 ? 'a PowerPoint file (.pptx)' : 'a ZIP archive that is not a Word document';
    throw unsupported(name, what);
  }
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && indexOfAscii(bytes.subarray(8, 12), 'WEBP') === 0) {
    throw unsupported(name, 'a WebP image; convert it to PNG or JPEG for OCR');
  }
  for (const { magic, what } of KNOWN_UNSUPPORTED) {
    // two-byte signatures ("BM", "MZ") also begin ordinary text: trust them only for binary content
    if (startsWith(bytes, magic) && (magic.length > 2 || looksBinary(bytes))) throw unsupported(name, what);
  }
  const ext = extension(name);
  const mime = (mimeType ?? '').toLowerCase().split(';')[0]!.trim();
  if (looksBinary(bytes)) {
    // named or typed as a format it does not start like: damaged, or renamed, rather than unsupported
    const claimed = Object.entries(CLAIMED).find(([format, { extensions }]) => extensions.includes(ext) || mime === MIME_TYPES[format as DocumentFormat]);
    if (claimed) {
      throw new NodeError('CORRUPT_FILE', `"${name}" is named as ${claimed[1].what} but does not start like one (${claimed[1].signature}): it is damaged, or another kind of file renamed`);
    }
    throw unsupported(name, 'binary data that is not a supported document');
  }
  if (['html', 'htm', 'xhtml'].includes(ext) || mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (['md', 'markdown', 'mdown', 'mkd'].includes(ext) || mime === 'text/markdown' || mime === 'text/x-markdown') return 'markdown';
  if (ext === '' || ext === 'txt' || mime === 'text/plain') {
    const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  }
  return 'text';
}

function unsupported(name: string, what: string): NodeError {
  return new NodeError('UNSUPPORTED_FORMAT', `"${name}" is ${what}. Supported: PDF, DOCX, HTML, Markdown, plain text, PNG/JPEG (OCR).`);
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 || dot < name.lastIndexOf('/') ? '' : name.slice(dot + 1).toLowerCase();
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function indexOfAscii(bytes: Uint8Array, needle: string, limit = bytes.length): number {
  const first = needle.charCodeAt(0);
  const end = Math.min(bytes.length, limit + needle.length) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/**
 * Text has no NUL bytes (unless UTF-16, recognised by its byte-order mark) and few control characters.
 */
function looksBinary(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > sample.length * 0.02;
}
