import { constants, inflateSync } from 'node:zlib';
import type JSZip from 'jszip';
import type { JSZipObject } from 'jszip';
import { NodeError } from '../../../core/errors';

/**
 * Compressed formats can expand to thousands of times their size: a 1.5 MB DOCX that unzips to
 * 1.5 GB drove the Word parser past 3.7 GB of memory before it failed, and a 1.5 MB PDF whose page
 * content inflates to 1.5 GB took pdf.js 25 s and 3.8 GB. Before a parser sees such a file, its
 * compressed parts are inflated here under a cap: the sizes a file declares are not trusted, only
 * what actually comes out of inflation counts, and all parts share one budget.
 */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

/**
 * Throws TOO_LARGE when the archive's entries together unzip to more than `budget` bytes. The archive
 * is read by JSZip, the same reader the Word parser (mammoth) uses, so the guard sees exactly the
 * entries the parser would; each entry is streamed and only counted, and the count stops at the budget.
 */
export async function assertUnzipsWithin(bytes: Uint8Array, name: string, budget = MAX_INFLATED_BYTES): Promise<void> {
  const { default: zipReader } = await import('jszip');
  let zip: JSZip;
  try {
    zip = await zipReader.loadAsync(bytes);
  } catch {
    return; // not a readable archive: the Word parser reports it as corrupt
  }
  let remaining = budget;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const size = await unzippedSize(entry, remaining);
    if (size > remaining) throw tooLarge(`"${name}" unzips to more than ${megabytes(budget)} (at "${entry.name}"): a Word document that large is more likely an archive built to exhaust memory; split the document or remove embedded files`);
    remaining -= size;
  }
}

/** Bytes the entry unzips to, or `cap + 1` as soon as it passes `cap` (the stream stops there); 0 for a damaged entry, which the parser reports. */
function unzippedSize(entry: JSZipObject, cap: number): Promise<number> {
  return new Promise((resolve) => {
    let size = 0;
    const stream = entry.nodeStream('nodebuffer');
    stream
      .on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > cap) {
          stream.pause();
          resolve(cap + 1);
        }
      })
      .on('error', () => resolve(0))
      .on('end', () => resolve(size));
  });
}

/**
 * Throws TOO_LARGE when the PDF's FlateDecode streams (page contents, object streams, images, fonts)
 * together inflate to more than `budget` bytes. Streams are found by their `stream`/`endstream`
 * keywords; one that does not inflate (encrypted, another filter, damaged) is left to pdf.js.
 */
export function assertPdfStreamsInflateWithin(bytes: Uint8Array, name: string, budget = MAX_INFLATED_BYTES): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let remaining = budget;
  let streams = 0;
  for (let at = text.indexOf('stream', 0); at !== -1; at = text.indexOf('stream', at + 6)) {
    if (text.startsWith('end', at - 3)) continue;
    const start = text[at + 6] === '\r' && text[at + 7] === '\n' ? at + 8 : text[at + 6] === '\n' ? at + 7 : -1;
    if (start === -1) continue;
    const dictionary = text.slice(Math.max(0, text.lastIndexOf('<<', at)), at);
    if (!dictionary.includes('/FlateDecode')) continue;
    const end = text.indexOf('endstream', start);
    if (end === -1) break;
    streams++;
    const size = inflatedSize(bytes.subarray(start, end), remaining);
    if (size > remaining) throw tooLarge(`"${name}" inflates to more than ${megabytes(budget)} (stream ${streams}): a PDF that large is more likely built to exhaust memory; split it or re-export it`);
    remaining -= size;
    at = end;
  }
}

function tooLarge(message: string): NodeError {
  return new NodeError('TOO_LARGE', message);
}

function megabytes(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Bytes the data inflates to, or `cap + 1` as soon as it passes `cap` (zlib stops there). */
function inflatedSize(data: Uint8Array, cap: number): number {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, cap), finishFlush: constants.Z_SYNC_FLUSH }).byteLength;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return cap + 1;
    return 0; // a damaged stream is the parser's to report
  }
}
