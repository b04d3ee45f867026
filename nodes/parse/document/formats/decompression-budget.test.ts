import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isNodeError } from '../../../core/errors';
import { buildZip, deflatedZeros, pdfWithContent } from '../../../testing/compressed-files';
import { assertPdfStreamsInflateWithin, assertUnzipsWithin, MAX_INFLATED_BYTES } from './decompression-budget';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

function refusal(run: () => void): Error | undefined {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

/** The error an async check rejects with, or undefined when it passes. */
const refusalOf = (check: Promise<void>): Promise<Error | undefined> => check.then(() => undefined, (error: unknown) => error as Error);

describe('assertUnzipsWithin', () => {
  it('lets a real Word document through, and stops it once its entries outgrow a smaller budget, naming the entry', async () => {
    const docx = await readFile(join(fixtures, 'table.docx'));
    expect(await refusalOf(assertUnzipsWithin(docx, 'table.docx'))).toBeUndefined();
    const error = await refusalOf(assertUnzipsWithin(docx, 'table.docx', 1000));
    expect(isNodeError(error) && error.code).toBe('TOO_LARGE');
    expect(error!.message).toMatch(/^"table\.docx" unzips to more than 1 KB \(at "[^"]+"\)/);
  });

  it('counts what inflation yields, not what the archive declares', async () => {
    const text = Buffer.from('x'.repeat(50_000));
    const lying = buildZip([{ name: 'word/document.xml', stored: deflateRawSync(text), deflated: true, declaredSize: 10 }]);
    expect((await refusalOf(assertUnzipsWithin(lying, 'lying.docx', 40_000)))?.message).toMatch(/at "word\/document\.xml"/);
    expect(await refusalOf(assertUnzipsWithin(lying, 'lying.docx', 60_000))).toBeUndefined();
    // stored entries count their bytes; the budget is shared by all entries
    const two = buildZip([
      { name: 'a.xml', stored: text, deflated: false, declaredSize: text.length },
      { name: 'b.xml', stored: deflateRawSync(text), deflated: true, declaredSize: text.length },
    ]);
    expect(await refusalOf(assertUnzipsWithin(two, 'two.docx', 100_000))).toBeUndefined();
    expect((await refusalOf(assertUnzipsWithin(two, 'two.docx', 99_999)))?.message).toMatch(/at "b\.xml"/);
  });

  it('reads ZIP64 entries (sizes and offset in the extra field)', async () => {
    const text = Buffer.from('y'.repeat(30_000));
    const zip = buildZip([
      { name: 'small.xml', stored: Buffer.from('<a/>'), deflated: false, declaredSize: 4 },
      { name: 'word/document.xml', stored: deflateRawSync(text), deflated: true, declaredSize: text.length, zip64: true },
    ]);
    expect((await refusalOf(assertUnzipsWithin(zip, 'big.docx', 20_000)))?.message).toMatch(/at "word\/document\.xml"/);
    expect(await refusalOf(assertUnzipsWithin(zip, 'big.docx', 40_000))).toBeUndefined();
  });

  it('leaves an archive it cannot read to the Word parser (which reports it as corrupt)', async () => {
    expect(await refusalOf(assertUnzipsWithin(Buffer.from('PK\u0003\u0004 not really a zip'), 'junk.docx'))).toBeUndefined();
  });

  it(`refuses a bomb past the default ${MAX_INFLATED_BYTES / 1048576} MB budget with a message that says why`, async () => {
    const bomb = buildZip([{ name: 'word/document.xml', stored: await deflatedZeros(MAX_INFLATED_BYTES / 1048576 + 1), deflated: true, declaredSize: 1000 }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await refusalOf(assertUnzipsWithin(bomb, 'bomb.docx'));
    expect(isNodeError(error) && error.code).toBe('TOO_LARGE');
    expect(error!.message).toBe(
      '"bomb.docx" unzips to more than 256 MB (at "word/document.xml"): a Word document that large is more likely an archive built to exhaust memory; split the document or remove embedded files',
    );
  });
});

describe('assertPdfStreamsInflateWithin', () => {
  const content = Buffer.from('BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n'.repeat(2000));

  it('lets real PDFs through, and stops a FlateDecode stream once it outgrows a smaller budget', async () => {
    for (const name of ['report.pdf', 'scanned.pdf']) expect(() => assertPdfStreamsInflateWithin(readFileSync(join(fixtures, name)), name)).not.toThrow();
    const pdf = pdfWithContent(deflateSync(content));
    expect(() => assertPdfStreamsInflateWithin(pdf, 'page.pdf', content.length)).not.toThrow();
    const error = refusal(() => assertPdfStreamsInflateWithin(pdf, 'page.pdf', content.length - 1));
    expect(isNodeError(error) && error.code).toBe('TOO_LARGE');
    expect(error!.message).toMatch(/^"page\.pdf" inflates to more than 73 KB \(stream 1\): a PDF that large/);
  });

  it('finds streams after CRLF too, and leaves other filters and undecodable streams to pdf.js', () => {
    expect(refusal(() => assertPdfStreamsInflateWithin(pdfWithContent(deflateSync(content), { eol: '\r\n' }), 'crlf.pdf', 1000))?.message).toMatch(/stream 1/);
    expect(() => assertPdfStreamsInflateWithin(pdfWithContent(content, { filter: '/ASCIIHexDecode' }), 'hex.pdf', 1000)).not.toThrow();
    expect(() => assertPdfStreamsInflateWithin(pdfWithContent(Buffer.from('not zlib at all')), 'damaged.pdf', 1000)).not.toThrow();
  });

  it(`refuses a PDF bomb past the default ${MAX_INFLATED_BYTES / 1048576} MB budget`, async () => {
    const bomb = pdfWithContent(await deflatedZeros(MAX_INFLATED_BYTES / 1048576 + 1, { zlib: true }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(refusal(() => assertPdfStreamsInflateWithin(bomb, 'bomb.pdf'))?.message).toBe(
      '"bomb.pdf" inflates to more than 256 MB (stream 1): a PDF that large is more likely built to exhaust memory; split it or re-export it',
    );
  });
});
