import { createDeflate, createDeflateRaw } from 'node:zlib';

/**
 * Test helpers for compressed files: ZIP archives (DOCX files are ZIPs) that declare what a test wants,
 * one-page PDFs with a FlateDecode content stream, and the deflated zeros that make either a bomb.
 */
export interface ZipEntry {
  name: string;
  /** the entry's bytes as stored (already deflated when `deflated`) */
  stored: Buffer;
  deflated: boolean;
  /** the uncompressed size the archive claims (a bomb may lie) */
  declaredSize: number;
  /** write sizes and offset as 0xFFFFFFFF with a ZIP64 extra field, as zip tools do for big entries */
  zip64?: boolean;
}

/** A ZIP archive written field by field, so a test can make it declare what it likes. */
export function buildZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(entry.deflated ? 8 : 0, 8);
    local.writeUInt32LE(entry.stored.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const extra = Buffer.alloc(entry.zip64 ? 28 : 0);
    if (entry.zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(entry.declaredSize), 4);
      extra.writeBigUInt64LE(BigInt(entry.stored.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.deflated ? 8 : 0, 10);
    central.writeUInt32LE(entry.zip64 ? 0xffffffff : entry.stored.length, 20);
    central.writeUInt32LE(entry.zip64 ? 0xffffffff : entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(entry.zip64 ? 0xffffffff : offset, 42);
    locals.push(local, name, entry.stored);
    centrals.push(central, name, extra);
    offset += local.length + name.length + entry.stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * `megabytes` MB of zeros, deflated a megabyte at a time (the test never holds the expanded bytes):
 * raw deflate as in ZIP entries, or with the zlib wrapper (`zlib: true`) as in PDF FlateDecode streams.
 */
export async function deflatedZeros(megabytes: number, options: { zlib?: boolean } = {}): Promise<Buffer> {
  const deflate = options.zlib ? createDeflate({ level: 9 }) : createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) deflate.write(zeros);
  deflate.end();
  await done;
  return Buffer.concat(parts);
}


/** A one-page PDF whose page content is the given stream (FlateDecode unless `filter` says otherwise). */
export function pdfWithContent(stream: Buffer, options: { filter?: string; eol?: '\n' | '\r\n' } = {}): Buffer {
  const eol = options.eol ?? '\n';
  const filter = options.filter ?? '/FlateDecode';
  const objects = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>'),
    Buffer.concat([Buffer.from(`<< /Length ${stream.length} /Filter ${filter} >>\nstream${eol}`), stream, Buffer.from(`${eol}endstream`)]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((object, i) => {
    offsets.push(length);
    const whole = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), object, Buffer.from('\nendobj\n')]);
    parts.push(whole);
    length += whole.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}
