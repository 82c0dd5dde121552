import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

// Test helper: writes zips by hand, so tests can build files no zip library would (bombs, lies).

export interface ZipFixtureEntry {
  name: string;
  data: Buffer | string;
  /** A lie for the directory: the size the entry claims to inflate to. */
  declaredSize?: number;
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  method: number;
}

/** A zip with the given entries, deflated. */
export async function writeZip(path: string, entries: ZipFixtureEntry[]): Promise<void> {
  const out = createWriteStream(path);
  const written: Written[] = [];
  let offset = 0;
  const write = async (buf: Buffer) => {
    offset += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const body = deflateRawSync(data);
    const w: Written = {
      name: Buffer.from(entry.name, 'utf8'),
      crc: crc32(data),
      compressed: body.length,
      size: entry.declaredSize ?? data.length,
      offset,
      method: 8,
    };
    await write(localHeader(w));
    await write(body);
    written.push(w);
  }
  await finish(out, written, offset, write);
}

/** A zip whose one entry inflates to `bytes` zeros (deflated in a stream: ~1000:1), named like a sheet. */
export async function writeZipBomb(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  const zeros = Buffer.alloc(1024 * 1024);
  let crc = 0;
  for (let done = 0; done < bytes; done += zeros.length)
    crc = crc32(zeros.subarray(0, Math.min(zeros.length, bytes - done)), crc);
  const w: Written = {
    name: Buffer.from('xl/worksheets/sheet1.xml'),
    crc,
    compressed: 0,
    size: bytes,
    offset: 0,
    method: 8,
  };
  // Sizes go in the central directory; the local header says 0 and a data descriptor would follow in
  // real writers — readers that trust the directory (as yauzl does) never look.
  const header = localHeader(w);
  out.write(header);
  let offset = header.length;
  const deflate = createDeflateRaw({ level: 1 });
  deflate.on('data', (chunk: Buffer) => {
    w.compressed += chunk.length;
    offset += chunk.length;
    out.write(chunk);
  });
  for (let done = 0; done < bytes; done += zeros.length) {
    if (!deflate.write(zeros.subarray(0, Math.min(zeros.length, bytes - done)))) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  const workbook: ZipFixtureEntry = { name: 'xl/workbook.xml', data: '<workbook/>' };
  const wbData = Buffer.from(workbook.data as string);
  const wbBody = deflateRawSync(wbData);
  const wb: Written = {
    name: Buffer.from(workbook.name),
    crc: crc32(wbData),
    compressed: wbBody.length,
    size: wbData.length,
    offset,
    method: 8,
  };
  const wbHeader = localHeader(wb);
  out.write(wbHeader);
  out.write(wbBody);
  offset += wbHeader.length + wbBody.length;
  await finish(out, [w, wb], offset, async (buf) => {
    out.write(buf);
  });
}

function localHeader(w: Written): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x0800, 6); // UTF-8 names
  h.writeUInt16LE(w.method, 8);
  h.writeUInt32LE(w.crc >>> 0, 14);
  h.writeUInt32LE(w.compressed, 18);
  h.writeUInt32LE(w.size, 22);
  h.writeUInt16LE(w.name.length, 26);
  return Buffer.concat([h, w.name]);
}

async function finish(
  out: ReturnType<typeof createWriteStream>,
  written: Written[],
  start: number,
  write: (buf: Buffer) => Promise<void>,
): Promise<void> {
  let size = 0;
  for (const w of written) {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(w.method, 10);
    c.writeUInt32LE(w.crc >>> 0, 16);
    c.writeUInt32LE(w.compressed, 20);
    c.writeUInt32LE(w.size, 24);
    c.writeUInt16LE(w.name.length, 28);
    c.writeUInt32LE(w.offset, 42);
    const record = Buffer.concat([c, w.name]);
    size += record.length;
    await write(record);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(start, 16);
  await write(end);
  out.end();
  await once(out, 'finish');
}
