import { crc32, deflateSync } from 'node:zlib';

/**
 * Raw pixels → PNG bytes (8-bit grey, RGB or RGBA; filter 0 on every row), so decoded PDF page
 * images can go to the OCR engines, which read encoded images. Small on purpose: no dependency for
 * a format this simple.
 */
export function encodePng(width: number, height: number, channels: 1 | 3 | 4, pixels: Uint8Array | Uint8ClampedArray): Uint8Array {
  if (pixels.length < width * height * channels) throw new Error(`expected ${width * height * channels} bytes of pixels, got ${pixels.length}`);
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = channels === 1 ? 0 : channels === 3 ? 2 : 6; // grey, RGB, RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** 1 bit per pixel (rows padded to whole bytes, set bit = white, as pdf.js decodes them) → 8-bit grey. */
export function unpackBits(width: number, height: number, bits: Uint8Array | Uint8ClampedArray): Uint8Array {
  const rowBytes = Math.ceil(width / 8);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      out[y * width + x] = (bits[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
    }
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
