import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import { encodePng, unpackBits } from './png-encode';

/** pdf.js's ImageKind: how a decoded image's pixels are laid out. */
const IMAGE_KIND = { GRAYSCALE_1BPP: 1, RGB_24BPP: 2, RGBA_32BPP: 3 } as const;

/** Images smaller than this (in pixels) are logos, bullets and rules, not scanned text. */
const MIN_IMAGE_PIXELS = 200 * 50;

interface DecodedImage {
  width: number;
  height: number;
  kind: number;
  data?: Uint8Array | Uint8ClampedArray;
}

/**
 * The images a page paints, decoded by pdf.js and re-encoded as PNG for OCR, in painting order.
 * A scanned page is usually one image the size of the page; small images are skipped.
 */
export async function pageImages(page: PDFPageProxy, paintOps: readonly number[]): Promise<Uint8Array[]> {
  const operators = await page.getOperatorList();
  const pngs: Uint8Array[] = [];
  for (let i = 0; i < operators.fnArray.length; i++) {
    if (!paintOps.includes(operators.fnArray[i]!)) continue;
    const arg = (operators.argsArray[i] as unknown[])[0];
    // XObjects are referenced by id (page objects, or shared ones prefixed g_); inline images come whole
    const image = typeof arg === 'string' ? await resolved(page, arg) : (arg as DecodedImage);
    const png = image && toPng(image);
    if (png) pngs.push(png);
  }
  return pngs;
}

function resolved(page: PDFPageProxy, id: string): Promise<DecodedImage | undefined> {
  const objects = id.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => objects.get(id, (value: unknown) => resolve(value as DecodedImage | undefined)));
}

function toPng(image: DecodedImage): Uint8Array | undefined {
  const { width, height, kind, data } = image;
  if (!data || width * height < MIN_IMAGE_PIXELS) return undefined;
  if (kind === IMAGE_KIND.GRAYSCALE_1BPP) return encodePng(width, height, 1, unpackBits(width, height, data));
  if (kind === IMAGE_KIND.RGB_24BPP) return encodePng(width, height, 3, data);
  if (kind === IMAGE_KIND.RGBA_32BPP) return encodePng(width, height, 4, data);
  return undefined;
}
