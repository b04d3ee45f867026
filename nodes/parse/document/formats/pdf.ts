import { NodeError } from '../../../core/errors';
import type { ParsedContent } from './parsed-content';

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
 * Scanned PDFs without a text layer fail with EMPTY_INPUT (page images are not OCR'd).
 */
export async function parsePdf(bytes: Uint8Array, name: string, signal: AbortSignal): Promise<ParsedContent> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes.slice(), // pdfjs transfers (detaches) the buffer it is given
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
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
    for (let n = 1; n <= pdf.numPages; n++) {
      if (signal.aborted) throw new NodeError('CANCELLED', `parsing "${name}" was cancelled`);
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageText(content.items.filter((i): i is PdfTextItem & typeof i => 'str' in i)));
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
      throw new NodeError('EMPTY_INPUT', `"${name}" has no text layer (${pdf.numPages} page(s), probably scanned); OCR the pages as PNG/JPEG images instead`);
    }
    const info = (await pdf.getMetadata().catch(() => undefined))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : undefined;
    return { text, title, sections, metadata: { pageCount: pdf.numPages } };
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
