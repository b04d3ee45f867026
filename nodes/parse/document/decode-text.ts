import { NodeError } from '../../core/errors';

/**
 * Bytes of a text file → a JS string. UTF-16 with a byte-order mark, else UTF-8 (BOM stripped). When
 * the bytes are not valid UTF-8, the charset the file declares is used: `charset=` in its MIME type
 * or, for HTML, in a <meta> tag (windows-1252 and latin-1 pages are still common). Without one it
 * fails as CORRUPT_FILE rather than silently filling the text with U+FFFD, which would index wrong.
 */
export function decodeText(bytes: Uint8Array, name: string, mimeType?: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return normalizeNewlines(strictDecode('utf-16le', bytes.subarray(2), name));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return normalizeNewlines(strictDecode('utf-16be', bytes.subarray(2), name));
  try {
    return normalizeNewlines(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    const declared = declaredCharset(bytes, mimeType);
    if (declared && !/^utf-?8$/i.test(declared)) {
      let decoder: TextDecoder;
      try {
        decoder = new TextDecoder(declared);
      } catch {
        throw new NodeError('UNSUPPORTED_FORMAT', `"${name}" declares the unknown charset "${declared}"; re-save it as UTF-8`, { cause });
      }
      return normalizeNewlines(decoder.decode(bytes));
    }
    throw new NodeError('CORRUPT_FILE', `"${name}" is not valid UTF-8 text and declares no other charset; re-save it as UTF-8`, { cause });
  }
}

function strictDecode(encoding: string, bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new NodeError('CORRUPT_FILE', `"${name}" starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}`, { cause });
  }
}

function declaredCharset(bytes: Uint8Array, mimeType?: string): string | undefined {
  const fromMime = /charset\s*=\s*"?([\w.:-]+)/i.exec(mimeType ?? '')?.[1];
  if (fromMime) return fromMime;
  // <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">, ASCII-compatible
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}

/** `\n` newlines only; NUL characters dropped because Postgres text columns cannot hold them. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replaceAll(String.fromCharCode(0), '');
}
