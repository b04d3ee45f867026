import { NodeError } from '../../../core/errors';
import { assertPdfStreamsInflateWithin } from './decompression-budget';
import type { ParsedContent } from './parsed-content';
import { pageImages } from './pdf-images';

/** Titles that tools write when a document has none (browsers print "about:blank"); the file name is better. */
const PLACEHOLDER_TITLE = /^(?:about:blank|untitled(?: document)?)$/i;

/** Reads the text of one encoded page image ('' when there is none); `label` names it in errors. */
export type PageOcr = (png: Uint8Array, label: string) => Promise<string>;

interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  width: number;
  height: number;
}

/**
 * PDF → text, one section per page (carrying `page`), pages separated by a blank line. Uses pdfjs-dist's
 * legacy build (Node 20) in-process: no worker file is fetched, no fonts are loaded, eval is off.
 * A page without a text layer (a scan) is read by `ocr` from the images it paints, when given; the
 * pages read that way are listed in metadata.ocrPages. A PDF with no text at all is EMPTY_INPUT.
 */
export async function parsePdf(bytes: Uint8Array, name: string, signal: AbortSignal, ocr?: PageOcr): Promise<ParsedContent> {
  assertPdfStreamsInflateWithin(bytes, name);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes.slice(), // pdfjs transfers (detaches) the buffer it is given
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    // a page image above this many pixels is skipped rather than decoded (a tiny JPEG can declare
    // 30,000 × 30,000 pixels); 600 dpi scans of A4 or Letter pages stay well under it
    maxImageSize: 64_000_000,
  });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    if (cause instanceof Error && cause.name === 'PasswordException') {
      throw new NodeError('UNSUPPORTED_FORMAT', `"${name}" is a password-protected PDF; remove the password first`, { cause });
    }
    throw new NodeError('CORRUPT_FILE', `"${name}" is not a readable PDF (${reason}); re-export or repair it`, { cause });
  }
  try {
    const pages: string[] = [];
    const ocrPages: number[] = [];
    const paintOps = [pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject];
    for (let n = 1; n <= pdf.numPages; n++) {
      if (signal.aborted) throw new NodeError('CANCELLED', `parsing "${name}" was cancelled`);
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let text = pageText(content.items.filter((i): i is PdfTextItem & typeof i => 'str' in i));
      if (!text && ocr) {
        const read: string[] = [];
        for (const png of await pageImages(page, paintOps)) read.push(await ocr(png, `${name}, page ${n}`));
        text = read.filter(Boolean).join('\n\n');
        if (text) ocrPages.push(n);
      }
      pages.push(text);
      page.cleanup();
    }
    let text = '';
    const sections: NonNullable<ParsedContent['sections']> = [];
    pages.forEach((pageText, i) => {
      if (!pageText) return;
      if (text) text += '\n\n';
      sections.push({ start: text.length, end: text.length + pageText.length, page: i + 1 });
      text += pageText;
    });
    if (!text) {
      throw new NodeError(
        'EMPTY_INPUT',
        ocr
          ? `"${name}" has no text layer and OCR found no text in its page images (${pdf.numPages} page(s))`
          : `"${name}" has no text layer (${pdf.numPages} page(s), probably scanned); turn on OCR of scanned pages or OCR them as PNG/JPEG images`,
      );
    }
    const info = (await pdf.getMetadata().catch(() => undefined))?.info as { Title?: unknown } | undefined;
    const given = typeof info?.Title === 'string' ? info.Title.trim() : '';
    const title = given && !PLACEHOLDER_TITLE.test(given) ? given : undefined;
    return { text, title, sections, metadata: { pageCount: pdf.numPages, ...(ocrPages.length && { ocrPages }) } };
  } catch (cause) {
    if (cause instanceof NodeError) throw cause;
    throw new NodeError('CORRUPT_FILE', `"${name}" is a damaged PDF (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  } finally {
    await pdf.destroy();
  }
}

/**
 * Rebuilds a page's lines from positioned text runs: a new line when a run says so or the baseline
 * moves, a blank line when the gap to the previous line is much larger than a line (a paragraph
 * break), a space when runs on one line are apart.
 */
function pageText(items: readonly PdfTextItem[]): string {
  let out = '';
  let lastY: number | undefined;
  let lastLineY: number | undefined;
  let lastXEnd = 0;
  let atLineStart = true;
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const size = item.height || Math.abs(item.transform[3] ?? 0) || 10;
    const str = item.str.replaceAll(String.fromCharCode(0), ''); // Postgres text cannot hold NUL
    if (str) {
      if (lastY !== undefined && Math.abs(y - lastY) > size * 0.5 && !atLineStart) {
        out += '\n';
        atLineStart = true;
      }
      if (atLineStart) {
        // body text lines sit about 1.2 font sizes apart; a much larger step is a paragraph break
        if (lastLineY !== undefined && Math.abs(lastLineY - y) > size * 1.9 && out) out += '\n';
        lastLineY = y;
      } else if (x - lastXEnd > size * 0.2 && !/\s$/.test(out) && !/^\s/.test(str)) {
        out += ' ';
      }
      out += str;
      atLineStart = false;
      lastY = y;
      lastXEnd = x + item.width;
    }
    if (item.hasEOL && !atLineStart) {
      out += '\n';
      atLineStart = true;
    }
  }
  return out
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
