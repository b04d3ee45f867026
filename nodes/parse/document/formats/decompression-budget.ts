import { constants, inflateRawSync, inflateSync } from 'node:zlib';
import { NodeError } from '../../../core/errors';

/**
 * Compressed formats can expand to thousands of times their size: a 1.5 MB DOCX that unzips to
 * 1.5 GB drove the Word parser past 3.7 GB of memory before it failed, and a 1.5 MB PDF whose page
 * content inflates to 1.5 GB took pdf.js 25 s and 3.8 GB. Before a parser sees such a file, its
 * compressed parts are inflated here with zlib's own output cap: the sizes a file declares are not
 * trusted, only what actually comes out of inflation counts, and all parts share one budget.
 */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** Throws TOO_LARGE when the archive's entries together unzip to more than `budget` bytes. */
export function assertUnzipsWithin(bytes: Uint8Array, name: string, budget = MAX_INFLATED_BYTES): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directory = findCentralDirectory(view);
  // without a readable directory the Word parser reports the archive as corrupt, as before
  if (!directory) return;
  let remaining = budget;
  let offset = directory.offset;
  for (let i = 0; i < directory.entries && offset + 46 <= view.byteLength; i++) {
    if (view.getUint32(offset, true) !== CENTRAL_SIGNATURE) return;
    const method = view.getUint16(offset + 10, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const entryName = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const sizes = zip64Sizes(view, offset, offset + 46 + nameLength, extraLength);
    offset += 46 + nameLength + extraLength + view.getUint16(offset + 32, true);
    const data = entryData(view, bytes, sizes.localOffset, sizes.compressedSize);
    if (!data) return;
    const size = method === STORED ? data.byteLength : method === DEFLATED ? inflatedSize(inflateRawSync, data, remaining) : 0;
    if (size > remaining) throw tooLarge(`"${name}" unzips to more than ${megabytes(budget)} (at "${entryName}"): a Word document that large is more likely an archive built to exhaust memory; split the document or remove embedded files`);
    remaining -= size;
  }
}

function findCentralDirectory(view: DataView): { offset: number; entries: number } | undefined {
  // the end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KB
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) !== EOCD_SIGNATURE) continue;
    return { entries: view.getUint16(at + 10, true), offset: view.getUint32(at + 16, true) };
  }
  return undefined;
}

/**
 * The entry's compressed size and local header offset; a field that is 0xFFFFFFFF is in the ZIP64
 * extra field (id 1) instead, in the order uncompressed size, compressed size, offset.
 */
function zip64Sizes(view: DataView, entry: number, extraStart: number, extraLength: number): { compressedSize: number; localOffset: number } {
  const uncompressed = view.getUint32(entry + 24, true);
  let compressedSize = view.getUint32(entry + 20, true);
  let localOffset = view.getUint32(entry + 42, true);
  const FULL = 0xffffffff;
  if (compressedSize !== FULL && localOffset !== FULL) return { compressedSize, localOffset };
  for (let at = extraStart; at + 4 <= extraStart + extraLength && at + 4 <= view.byteLength; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const next = () => {
        const value = field + 8 <= view.byteLength ? Number(view.getBigUint64(field, true)) : Number.MAX_SAFE_INTEGER;
        field += 8;
        return value;
      };
      if (uncompressed === FULL) next();
      if (compressedSize === FULL) compressedSize = next();
      if (localOffset === FULL) localOffset = next();
      break;
    }
    at += 4 + size;
  }
  return { compressedSize, localOffset };
}

function entryData(view: DataView, bytes: Uint8Array, localOffset: number, compressedSize: number): Uint8Array | undefined {
  if (localOffset + 30 > view.byteLength || view.getUint32(localOffset, true) !== LOCAL_SIGNATURE) return undefined;
  const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
  return start + compressedSize <= bytes.byteLength ? bytes.subarray(start, start + compressedSize) : undefined;
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
    const size = inflatedSize(inflateSync, bytes.subarray(start, end), remaining);
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
function inflatedSize(inflate: typeof inflateSync, data: Uint8Array, cap: number): number {
  try {
    return inflate(data, { maxOutputLength: Math.max(1, cap), finishFlush: constants.Z_SYNC_FLUSH }).byteLength;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return cap + 1;
    return 0; // a damaged stream is the parser's to report
  }
}
