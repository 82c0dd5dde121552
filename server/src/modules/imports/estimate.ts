// How many data rows a file holds, cheaply, before it is read: the progress bar's total.
import { open } from 'node:fs/promises';
import yauzl from 'yauzl';
import type { FileFormat } from './readers/index.ts';

/** Counts newlines (csv) or BEGIN:VCARD lines (vcf) by scanning bytes; reads a sheet's <dimension> (xlsx). */
export async function estimateRows(path: string, format: FileFormat): Promise<number | null> {
  if (format === 'xlsx') return xlsxRows(path);
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    const needle = format === 'vcf' ? Buffer.from('BEGIN:VCARD', 'latin1') : Buffer.from('\n');
    let count = 0;
    let tail = Buffer.alloc(0);
    let last = -1;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (!bytesRead) break;
      const chunk = tail.length
        ? Buffer.concat([tail, buf.subarray(0, bytesRead)])
        : buf.subarray(0, bytesRead);
      let i = chunk.indexOf(needle);
      while (i !== -1) {
        count++;
        i = chunk.indexOf(needle, i + needle.length);
      }
      last = chunk[chunk.length - 1]!;
      tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - needle.length + 1)));
      if (needle.length === 1) tail = Buffer.alloc(0);
    }
    if (format === 'vcf') return count;
    // Lines minus the header; a last line without a newline counts too.
    const lines = count + (last !== -1 && last !== 0x0a ? 1 : 0);
    return Math.max(0, lines - 1);
  } finally {
    await fh.close();
  }
}

/** The first sheet's <dimension ref="A1:K1000001"> from the first KB of its XML, without reading the rest. */
function xlsxRows(path: string): Promise<number | null> {
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return resolve(null);
      let done = false;
      const finish = (n: number | null) => {
        if (done) return;
        done = true;
        zip.close();
        resolve(n);
      };
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!/^xl\/worksheets\/sheet1\.xml$/.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return finish(null);
          let text = '';
          stream.on('data', (d: Buffer) => {
            text += d.toString('utf8');
            const m = /<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(text);
            if (m) {
              stream.destroy();
              finish(Math.max(0, Number(m[1]) - 1));
            } else if (text.length > 4096 || /<sheetData/.test(text)) {
              stream.destroy();
              finish(null);
            }
          });
          stream.on('end', () => finish(null));
          stream.on('error', () => finish(null));
        });
      });
      zip.on('end', () => finish(null));
      zip.on('error', () => finish(null));
      zip.readEntry();
    });
  });
}
