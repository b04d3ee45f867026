import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { isNodeError, type NodeError } from '../../core/errors';
import { cpuThreadsPerModel, loadOrt } from '../../models/onnx-session';
import { fileFailuresValue, MAX_LISTED_FAILURES, type DocumentValue, type FileFailuresValue, type FileValue } from '../../core/values';
import { createTestContext, type TestContext } from '../../testing/context';
import { buildZip, deflatedZeros, pdfWithContent } from '../../testing/compressed-files';
import { parseDocumentConfig } from './definition';
import { listFailures } from '../../core/file-failures';
import { parseDocumentExecutor } from './execute';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

async function fixture(name: string, extra: Partial<FileValue> = {}): Promise<FileValue> {
  return { name, contentBase64: (await readFile(join(fixtures, name))).toString('base64'), ...extra };
}

function textFile(name: string, text: string, extra: Partial<FileValue> = {}): FileValue {
  return { name, contentBase64: Buffer.from(text, 'utf8').toString('base64'), ...extra };
}

async function parse(files: FileValue[], config: Record<string, unknown> = {}, ctx: TestContext = createTestContext()): Promise<DocumentValue[]> {
  const out = await parseDocumentExecutor.execute!(ctx, { files }, parseDocumentConfig.parse(config));
  return (out as { documents: DocumentValue[] }).documents;
}

/** Both outputs: the documents and the failures (files left out). */
async function parseWithFailures(files: FileValue[], ctx: TestContext = createTestContext()): Promise<{ documents: DocumentValue[]; failures: FileFailuresValue }> {
  return (await parseDocumentExecutor.execute!(ctx, { files }, parseDocumentConfig.parse({}))) as { documents: DocumentValue[]; failures: FileFailuresValue };
}

async function parseOne(file: FileValue, config: Record<string, unknown> = {}): Promise<DocumentValue> {
  const [doc] = await parse([file], config);
  return doc!;
}

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isNodeError(error)) throw new Error(`expected a NodeError, got ${String(error)}`);
  return error;
}

function sectionText(doc: DocumentValue, i: number): string {
  const s = doc.sections![i]!;
  return doc.text.slice(s.start, s.end);
}

describe('parse.document: formats', () => {
  it('reads a real 3-page PDF with one section per page', async () => {
    const doc = await parseOne(await fixture('report.pdf'));
    expect(doc.metadata.mimeType).toBe('application/pdf');
    expect(doc.metadata.pageCount).toBe(3);
    expect(doc.metadata.title).toBe('Quarterly Garden Report');
    expect(doc.sections!.map((s) => s.page)).toEqual([1, 2, 3]);
    expect(sectionText(doc, 0)).toContain('photosynthesis in tomato seedlings');
    expect(sectionText(doc, 1)).toContain('drip irrigation');
    expect(sectionText(doc, 2)).toContain('Ladybirds eat');
    expect(sectionText(doc, 0)).not.toContain('irrigation');
    // words of one run are not glued together, heading and paragraph are separate lines
    expect(sectionText(doc, 0).split('\n')[0]).toBe('Quarterly Garden Report');
  });

  it('turns a DOCX table into a markdown table and headings into sections', async () => {
    const doc = await parseOne(await fixture('table.docx'));
    expect(doc.metadata.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(doc.metadata.title).toBe('Fruit Prices');
    expect(doc.text).toContain('| Fruit | Price | Origin |\n| --- | --- | --- |\n| Apple | 1.20 | Kent |\n| Mango | 2.50 | Kerala |');
    expect(doc.text.startsWith('# Fruit Prices')).toBe(true);
    expect(doc.sections!.map((s) => s.headingPath)).toEqual([['Fruit Prices'], ['Fruit Prices', 'Storage']]);
    expect(sectionText(doc, 1)).toContain('Keep mangoes at room temperature');
  });

  it('keeps the main content of an HTML page, with headings and a markdown table', async () => {
    const doc = await parseOne(await fixture('article.html'));
    expect(doc.metadata.mimeType).toBe('text/html');
    expect(doc.metadata.title).toBe('Brewing Green Tea');
    expect(doc.text).toContain('# Brewing Green Tea');
    expect(doc.text).toContain('## Temperatures and times');
    expect(doc.text).toContain('| Tea | Temperature | Steep time |\n| --- | --- | --- |\n| Sencha | 75 °C | 1 minute |');
    for (const boilerplate of ['Sign in', 'Accept all cookies', 'Popular posts', 'All rights reserved', 'analytics']) {
      expect(doc.text).not.toContain(boilerplate);
    }
    expect(doc.sections!.map((s) => s.headingPath)).toEqual([
      ['Brewing Green Tea'],
      ['Brewing Green Tea', 'Temperatures and times'],
      ['Brewing Green Tea', 'Second infusions'],
    ]);
  });

  it('keeps one top heading and drops navigation on a short page', async () => {
    const html = '<html><head><title>Site</title></head><body><nav>Home About</nav><h1>Hello</h1><p>World.</p><footer>(c) me</footer></body></html>';
    const doc = await parseOne(textFile('short.html', html));
    expect(doc.text).toBe('# Hello\n\nWorld.');
    expect(doc.metadata.title).toBe('Hello');
  });

  it('keeps the whole page when htmlMainContent is off', async () => {
    const doc = await parseOne(await fixture('article.html'), { htmlMainContent: false });
    expect(doc.text).toContain('Sign in');
    expect(doc.text).toContain('| Gyokuro | 60 °C | 2 minutes |');
    expect(doc.text).not.toContain('analytics'); // scripts never count as text
  });

  it('splits markdown into heading sections and keeps tables as they are', async () => {
    const md = 'Intro line.\n\n# Guide\n\nWelcome.\n\n## Install\n\n| OS | Command |\n| --- | --- |\n| Linux | apt |\n\n```\n# not a heading\n```\n\n### Linux\n\nRun it.\n\n# Appendix\n\nEnd.';
    const doc = await parseOne(textFile('guide.md', md));
    expect(doc.text).toBe(md);
    expect(doc.metadata.title).toBe('Guide');
    expect(doc.metadata.mimeType).toBe('text/markdown');
    expect(doc.sections!.map((s) => s.headingPath)).toEqual([[], ['Guide'], ['Guide', 'Install'], ['Guide', 'Install', 'Linux'], ['Appendix']]);
    expect(sectionText(doc, 2)).toContain('| Linux | apt |');
    expect(sectionText(doc, 2)).toContain('# not a heading');
    expect(doc.sections![doc.sections!.length - 1]!.end).toBe(md.length);
  });

  it('reads plain text (UTF-8 with BOM and CRLF) with the file name as title', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Café notes\r\nsecond line\r\n', 'utf8')]);
    const doc = await parseOne({ name: 'notes/daily_log.txt', contentBase64: bytes.toString('base64') });
    expect(doc.text).toBe('Café notes\nsecond line\n');
    expect(doc.metadata.title).toBe('daily log');
    expect(doc.metadata.mimeType).toBe('text/plain');
    expect(doc.sections).toBeUndefined();
  });

  it('decodes a windows-1252 page by its declared charset', async () => {
    const html = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"></head><body><h1>Men'),
      Buffer.from([0xfa]), // ú
      Buffer.from('</h1><p>Caf'),
      Buffer.from([0xe9]), // é
      Buffer.from(' au lait, cr'),
      Buffer.from([0xe8]), // è
      Buffer.from('me.</p></body></html>'),
    ]);
    const doc = await parseOne({ name: 'menu.html', contentBase64: html.toString('base64') }, { htmlMainContent: false });
    expect(doc.text).toBe('# Menú\n\nCafé au lait, crème.');
    const plain = await parseOne({ name: 'menu.txt', mimeType: 'text/plain; charset=iso-8859-1', contentBase64: Buffer.from([0x63, 0x61, 0x66, 0xe9]).toString('base64') });
    expect(plain.text).toBe('café');
  });

  it('recognises HTML by its content when the name says nothing', async () => {
    const doc = await parseOne(textFile('page', '<!DOCTYPE html><html><body><h1>Hello</h1><p>World of tea and more words here.</p></body></html>'), { htmlMainContent: false });
    expect(doc.metadata.mimeType).toBe('text/html');
    expect(doc.text).toContain('# Hello');
  });

  it("reads the words of a PNG and a JPEG with PaddleOCR, loading the model once with the worker's ONNX settings", async () => {
    const ctx = createTestContext();
    const create = vi.spyOn((await loadOrt()).InferenceSession, 'create');
    let doc: DocumentValue | undefined;
    try {
      [doc] = await parse([await fixture('ocr-text.png')], {}, ctx);
      // detection and recognition, each with the thread count and spin setting our executors use
      expect(create.mock.calls.map((call) => call[1])).toEqual([1, 2].map(() => expect.objectContaining({ intraOpNumThreads: cpuThreadsPerModel(), extra: { session: { intra_op: { allow_spinning: '0' } } } })));
    } finally {
      create.mockRestore();
    }
    expect(doc!.metadata.mimeType).toBe('image/png');
    expect(doc!.metadata.ocrEngine).toBe('paddle');
    const text = doc!.text.toLowerCase();
    for (const word of ['4821', 'total amount due', '250 dollars', 'thank you for your business']) expect(text).toContain(word);
    expect(doc!.text.split('\n')).toHaveLength(3);
    const [jpeg] = await parse([await fixture('receipt.jpg')], {}, ctx);
    expect(jpeg!.metadata.mimeType).toBe('image/jpeg');
    expect(jpeg!.text.toLowerCase()).toContain('12 euros');
    expect(jpeg!.text.toLowerCase()).toContain('paid by card');
    expect(ctx.modelLoads).toEqual(['ocr:paddle-ppocr-v4']);
  });

  it('reads a scanned PDF (no text layer) by OCR of its page images; off, it is EMPTY_INPUT', async () => {
    const doc = await parseOne(await fixture('scanned.pdf'));
    expect(doc.metadata).toMatchObject({ mimeType: 'application/pdf', pageCount: 2, ocrPages: [1], ocrEngine: 'paddle' });
    expect(doc.metadata.title).toBe('scanned'); // the PDF's own title is Chromium's placeholder "about:blank"
    const text = doc.text.toLowerCase();
    for (const word of ['4821', 'total amount due', '250 dollars', 'thank you for your business']) expect(text).toContain(word);
    expect(doc.sections).toEqual([expect.objectContaining({ start: 0, end: doc.text.length, page: 1 })]); // the blank page 2 adds nothing

    const off = await failure(parse([await fixture('scanned.pdf')], { ocrScannedPages: false }));
    expect(off.code).toBe('EMPTY_INPUT');
    expect(off.message).toContain('no text layer');
  });

  it('reads the words of a PNG with tesseract.js from local language data', async () => {
    const doc = await parseOne(await fixture('ocr-text.png'), { ocrEngine: 'tesseract' });
    expect(doc.metadata.ocrEngine).toBe('tesseract');
    expect(doc.text).toContain('INVOICE NUMBER 4821');
    expect(doc.text).toContain('Total amount due: 250 dollars');
    expect(doc.text).toContain('Thank you for your business');
  });
});

describe('parse.document: identity and metadata', () => {
  it('derives a stable UUID from the source id and hashes the bytes', async () => {
    const a = await parseOne(textFile('a.txt', 'first version'));
    const b = await parseOne(textFile('a.txt', 'second version'));
    const c = await parseOne(textFile('other-name.txt', 'first version', { sourceId: 'a.txt' }));
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.id).toBe(a.id);
    expect(c.id).toBe(a.id);
    expect(c.sourceId).toBe('a.txt');
    expect(a.metadata.contentHash).not.toBe(b.metadata.contentHash);
    expect(a.metadata.contentHash).toBe(c.metadata.contentHash);
    expect(a.metadata.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.metadata.source).toBe('a.txt');
  });

  it("keeps the caller's file metadata and title, not their format fields", async () => {
    const doc = await parseOne(textFile('t.txt', 'tagged text', { metadata: { team: 'ops', title: 'Ops handbook', mimeType: 'x/forged' } }));
    expect(doc.metadata.team).toBe('ops');
    expect(doc.metadata.title).toBe('Ops handbook');
    expect(doc.metadata.mimeType).toBe('text/plain');
  });
});

describe('parse.document: bad files', () => {
  it('a corrupt PDF fails alone: the other file is parsed and the failure is reported', async () => {
    const good = await fixture('report.pdf');
    const pdfBytes = await readFile(join(fixtures, 'report.pdf'));
    const corrupt: FileValue = { name: 'broken.pdf', contentBase64: pdfBytes.subarray(0, 4000).toString('base64') };
    const ctx = createTestContext();
    const docs = await parse([corrupt, good], {}, ctx);
    expect(docs.map((d) => d.sourceId)).toEqual(['report.pdf']);
    expect(ctx.events).toEqual([{ type: 'log', data: expect.objectContaining({ level: 'error', file: 'broken.pdf', code: 'CORRUPT_FILE' }) }]);
    expect(ctx.metrics).toMatchObject({ filesParsed: 1, filesFailed: 1, failures: [{ file: 'broken.pdf', code: 'CORRUPT_FILE' }] });
  });

  it('names the files it left out, with code and message, on its failures output', async () => {
    const random = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256));
    const out = await parseWithFailures([textFile('expenses.txt', 'Taxi 12 EUR, lunch 18 EUR.'), { name: 'random.bin', contentBase64: random.toString('base64') }]);
    expect(out.documents.map((d) => d.sourceId)).toEqual(['expenses.txt']);
    expect(out.failures).toEqual({
      count: 1,
      files: [{ file: 'random.bin', code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/^"random\.bin" is binary data that is not a supported document/) }],
    });
    // the value its json port carries has the shape the core contract gives it
    expect(fileFailuresValue.parse(out.failures)).toEqual(out.failures);
    // nothing left out: an empty list, so an ingestion result always has the field
    const clean = await parseWithFailures([textFile('ok.txt', 'fine')]);
    expect(clean.failures).toEqual({ count: 0, files: [] });
  });

  it('lists at most 50 failed files (with the count of all of them) and cuts long messages', async () => {
    const files = [...Array.from({ length: 60 }, (_, i) => ({ name: `empty-${i}.txt`, contentBase64: '' })), textFile('ok.txt', 'fine')];
    const ctx = createTestContext();
    const out = await parseWithFailures(files, ctx);
    expect(out.failures.count).toBe(60);
    expect(out.failures.files).toHaveLength(MAX_LISTED_FAILURES);
    expect(out.failures.files[49]).toMatchObject({ file: 'empty-49.txt', code: 'EMPTY_INPUT' });
    expect(ctx.metrics).toMatchObject({ filesParsed: 1, filesFailed: 60 });
    expect(ctx.metrics.failures).toHaveLength(MAX_LISTED_FAILURES);
    expect(ctx.events).toHaveLength(60); // every one is still logged
    const long = listFailures([{ file: 'a.pdf', code: 'CORRUPT_FILE', message: 'x'.repeat(5000) }]).files[0]!.message;
    expect(long).toHaveLength(1000);
    expect(long.endsWith('…')).toBe(true);
  });

  it('a 0-byte file is EMPTY_INPUT', async () => {
    const error = await failure(parse([{ name: 'empty.txt', contentBase64: '' }]));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toContain('empty.txt');
  });

  it('an HTML page that builds its text with JavaScript is EMPTY_INPUT, saying so', async () => {
    const shell = textFile('https://app.example.com/docs', '<!doctype html><html><head><title>Docs</title><script src="/bundle.js"></script></head><body><div id="root"></div></body></html>', { mimeType: 'text/html' });
    const error = await failure(parse([shell]));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toContain('the page seems to build its text with JavaScript, which is not run here: load it with the Web pages node\'s renderJavaScript');
    const plain = await failure(parse([textFile('empty.html', '<!doctype html><html><body><div></div></body></html>', { mimeType: 'text/html' })]));
    expect(plain.message).not.toContain('JavaScript');
  });

  it('a whitespace-only text file is EMPTY_INPUT', async () => {
    expect((await failure(parse([textFile('blank.md', ' \n\n\t')]))).code).toBe('EMPTY_INPUT');
  });

  it('reads text that happens to begin like a binary signature ("BM", "MZ")', async () => {
    const doc = await parseOne(textFile('1996292', 'BMP-2 signalling regulates bone formation in adult mice.'));
    expect(doc.text).toContain('BMP-2 signalling');
    expect((await parseOne(textFile('mz.txt', 'MZ twins share all of their genes.'))).text).toContain('MZ twins');
    const bmp = Buffer.from([0x42, 0x4d, 0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0]);
    const error = await failure(parse([{ name: 'scan.bmp', contentBase64: bmp.toString('base64') }]));
    expect(error.message).toMatch(/BMP image/);
  });

  it('an unsupported binary is UNSUPPORTED_FORMAT naming what it is', async () => {
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
    const error = await failure(parse([{ name: 'tool.bin', contentBase64: elf.toString('base64') }]));
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    expect(error.message).toMatch(/tool\.bin.*executable/);
    const random = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256));
    expect((await failure(parse([{ name: 'data.dat', contentBase64: random.toString('base64') }]))).code).toBe('UNSUPPORTED_FORMAT');
  });

  it('binary data named or typed as a format it does not start like is CORRUPT_FILE, saying so', async () => {
    const random = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256)).toString('base64');
    const pdf = await failure(parse([{ name: 'fake.pdf', contentBase64: random }]));
    expect(pdf).toMatchObject({
      code: 'CORRUPT_FILE',
      message: '"fake.pdf" is named as a PDF but does not start like one (no "%PDF-" header in its first 1 KB): it is damaged, or another kind of file renamed',
    });
    expect(await failure(parse([{ name: 'photo.JPG', contentBase64: random }]))).toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringContaining('named as a JPEG image') });
    expect(await failure(parse([{ name: 'upload', mimeType: 'application/pdf', contentBase64: random }]))).toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringContaining('named as a PDF') });
  });

  it('a zip that is not a Word document is UNSUPPORTED_FORMAT; a damaged docx is CORRUPT_FILE', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const plainZip = await zip.generateAsync({ type: 'nodebuffer' });
    expect((await failure(parse([{ name: 'a.zip', contentBase64: plainZip.toString('base64') }]))).code).toBe('UNSUPPORTED_FORMAT');
    const docx = await readFile(join(fixtures, 'table.docx'));
    const damaged = docx.subarray(0, docx.length - 200); // the central directory is gone
    expect((await failure(parse([{ name: 'damaged.docx', contentBase64: damaged.toString('base64') }]))).code).toBe('CORRUPT_FILE');
  });

  it('a zip bomb named .docx is TOO_LARGE before the Word parser inflates it', async () => {
    const bomb = buildZip([
      { name: '[Content_Types].xml', stored: Buffer.from('<Types/>'), deflated: false, declaredSize: 8 },
      { name: 'word/document.xml', stored: await deflatedZeros(300), deflated: true, declaredSize: 2000 },
    ]);
    const error = await failure(parse([{ name: 'report.docx', contentBase64: bomb.toString('base64') }]));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/"report\.docx" unzips to more than 256 MB \(at "word\/document\.xml"\)/);
  });

  it('an HTML page nested deeper than browsers go is CORRUPT_FILE before it is parsed', async () => {
    const deep = textFile('deep.html', `<html><body>${'<div>'.repeat(20_000)}hello${'</div>'.repeat(20_000)}</body></html>`);
    const error = await failure(parse([deep]));
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toMatch(/"deep\.html" nests its elements 20002 levels deep/);
  });

  it('a PDF whose page content inflates past the budget is TOO_LARGE before pdf.js decodes it', async () => {
    const bomb = pdfWithContent(await deflatedZeros(300, { zlib: true }));
    const error = await failure(parse([{ name: 'bomb.pdf', contentBase64: bomb.toString('base64') }]));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/"bomb\.pdf" inflates to more than 256 MB/);
    // the same page with ordinary content is parsed
    const page = pdfWithContent(deflateSync(Buffer.from('BT /F1 12 Tf 72 720 Td (Hello from a small page) Tj ET')));
    expect((await parseOne({ name: 'page.pdf', contentBase64: page.toString('base64') })).text).toContain('Hello from a small page');
  });

  it('when every file fails, the error names each file and cause (the first 50, then how many more)', async () => {
    const error = await failure(parse([{ name: 'empty.txt', contentBase64: '' }, { name: 'junk.pdf', contentBase64: Buffer.from('%PDF-1.7 nothing else').toString('base64') }]));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toContain('empty.txt (EMPTY_INPUT)');
    expect(error.message).toContain('junk.pdf (CORRUPT_FILE)');
    const many = await failure(parse(Array.from({ length: 53 }, (_, i) => ({ name: `empty-${i}.txt`, contentBase64: '' }))));
    expect(many.message).toMatch(/^none of the 53 files could be parsed: empty-0\.txt \(EMPTY_INPUT\)/);
    expect(many.message).toContain('empty-49.txt (EMPTY_INPUT)');
    expect(many.message).not.toContain('empty-50.txt');
    expect(many.message).toMatch(/; and 3 more$/);
  });

  it('failOnError makes the first bad file fatal', async () => {
    const error = await failure(parse([{ name: 'empty.txt', contentBase64: '' }, textFile('ok.txt', 'fine')], { failOnError: true }));
    expect(error.code).toBe('EMPTY_INPUT');
  });

  it('rejects files over maxFileMB, bad base64, invalid UTF-8 and duplicate source ids', async () => {
    const big = textFile('big.txt', 'x'.repeat(3000));
    const ctx = createTestContext();
    const docs = await parse(
      [big, { name: 'b64.txt', contentBase64: 'not base64!!' }, { name: 'latin1.txt', contentBase64: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]).toString('base64') }, textFile('ok.txt', 'fine'), textFile('ok.txt', 'again')],
      { maxFileMB: 0.002 },
      ctx,
    );
    expect(docs.map((d) => d.text)).toEqual(['fine']);
    expect((ctx.metrics.failures as { file: string; code: string }[]).map((f) => [f.file, f.code])).toEqual([
      ['big.txt', 'TOO_LARGE'],
      ['b64.txt', 'INVALID_INPUT'],
      ['latin1.txt', 'CORRUPT_FILE'],
      ['ok.txt', 'INVALID_INPUT'],
    ]);
  });
});
