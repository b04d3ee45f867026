import type { NodeContext } from '../../core/context';
import { NodeError } from '../../core/errors';
import type { DocumentValue, FileValue } from '../../core/values';
import { sha256Hex } from '../../chunk/shared/uuid';
import { buildDocument } from './build-document';
import { decodeText } from './decode-text';
import { detectFormat, type DocumentFormat } from './detect-format';
import { parseHtml } from './formats/html';
import type { ParsedContent } from './formats/parsed-content';
import type { OcrEngineName } from './formats/ocr';
import { parseMarkdown, parsePlainText } from './formats/text';
import { base64Bytes } from '../../core/file-bytes';

export interface ParseFileOptions {
  ocrEngine: OcrEngineName;
  /** OCR the page images of PDF pages that have no text layer */
  ocrScannedPages: boolean;
  maxFileMB: number;
  htmlMainContent: boolean;
}

const BASE64 = /^[A-Za-z0-9+/\-_\s]*={0,2}\s*$/;

/** One file → one document, or a NodeError saying what is wrong with this file. */
export async function parseFile(ctx: Pick<NodeContext, 'models' | 'signal'>, file: FileValue, options: ParseFileOptions): Promise<DocumentValue> {
  const limit = options.maxFileMB * 1024 * 1024;
  if (base64Bytes(file.contentBase64) > limit) {
    throw new NodeError('TOO_LARGE', `"${file.name}" is larger than the ${options.maxFileMB} MB limit (maxFileMB)`);
  }
  if (!BASE64.test(file.contentBase64)) {
    throw new NodeError('INVALID_INPUT', `"${file.name}": contentBase64 is not base64; encode the file bytes as base64`);
  }
  const bytes = new Uint8Array(Buffer.from(file.contentBase64, 'base64'));
  if (bytes.length === 0) throw new NodeError('EMPTY_INPUT', `"${file.name}" is empty (0 bytes)`);
  if (bytes.length > limit) throw new NodeError('TOO_LARGE', `"${file.name}" is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${options.maxFileMB} MB (maxFileMB)`);

  const format = detectFormat(bytes, file.name, file.mimeType);
  const parsed = await parseAs(format, bytes, file, ctx, options);
  if (!parsed.text.trim()) throw new NodeError('EMPTY_INPUT', `"${file.name}" contains no text`);
  return buildDocument(file, format, sha256Hex(bytes), bytes.length, parsed);
}

async function parseAs(
  format: DocumentFormat,
  bytes: Uint8Array,
  file: FileValue,
  ctx: Pick<NodeContext, 'models' | 'signal'>,
  options: ParseFileOptions,
): Promise<ParsedContent> {
  const name = file.name;
  switch (format) {
    case 'text':
      return parsePlainText(decodeText(bytes, name, file.mimeType));
    case 'markdown':
      return parseMarkdown(decodeText(bytes, name, file.mimeType));
    case 'html':
      return parseHtml(decodeText(bytes, name, file.mimeType), name, { mainContent: options.htmlMainContent });
    case 'pdf': {
      // heavy parsers load on first use only
      const { parsePdf } = await import('./formats/pdf');
      if (!options.ocrScannedPages) return parsePdf(bytes, name, ctx.signal);
      const { recognizeText } = await import('./formats/ocr');
      const content = await parsePdf(bytes, name, ctx.signal, (png, label) => recognizeText(png, label, options.ocrEngine, ctx.models));
      return content.metadata?.ocrPages ? { ...content, metadata: { ...content.metadata, ocrEngine: options.ocrEngine } } : content;
    }
    case 'docx': {
      const { parseDocx } = await import('./formats/docx');
      return parseDocx(bytes, name);
    }
    case 'png':
    case 'jpeg': {
      const { parseImage } = await import('./formats/ocr');
      return parseImage(bytes, name, options.ocrEngine, ctx.models);
    }
  }
}
