import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, unpackBits } from './png-encode';

/** Splits a PNG into its chunks, checking each CRC. */
function chunks(png: Uint8Array): { type: string; data: Buffer }[] {
  const bytes = Buffer.from(png);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const body = bytes.subarray(at + 4, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length)).toBe(crc32(body));
    out.push({ type: body.subarray(0, 4).toString('latin1'), data: body.subarray(4) });
    at += 12 + length;
  }
  return out;
}

describe('PNG encoding of decoded page images', () => {
  it('writes a valid RGB PNG whose rows inflate back to the pixels', () => {
    const pixels = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]); // 2 × 2 RGB
    const parts = chunks(encodePng(2, 2, 3, pixels));
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = parts[0]!.data;
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([2, 2, 8, 2]);
    expect([...inflateSync(parts[1]!.data)]).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 10, 20, 30]);
  });

  it('marks grey and RGBA images with their colour types', () => {
    expect(chunks(encodePng(1, 1, 1, Uint8Array.of(7)))[0]!.data[9]).toBe(0);
    expect(chunks(encodePng(1, 1, 4, Uint8Array.of(1, 2, 3, 4)))[0]!.data[9]).toBe(6);
    expect(() => encodePng(2, 2, 3, new Uint8Array(5))).toThrow(/expected 12 bytes/);
  });

  it('unpacks 1-bit rows (padded to bytes, set bit = white) to 8-bit grey', () => {
    // 10 pixels wide: each row is 2 bytes; row 0 = 1010000011, row 1 = 0000000001
    const bits = Uint8Array.of(0b10100000, 0b11000000, 0b00000000, 0b01000000);
    expect([...unpackBits(10, 2, bits)]).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255]);
  });
});
