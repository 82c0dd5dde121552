import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createDecoder, detectEncoding, normalizeEncoding } from './encoding.ts';
import { readHead } from './head.ts';
import { FileRefused, type ReadOptions, type SheetSource } from './source.ts';
import { cardToRow, VCF_HEADERS, VcardSplitter } from './vcard-parser.ts';

const HEAD_BYTES = 64 * 1024;

/**
 * Streams a .vcf with many cards (vCard 2.1, 3.0, 4.0) as rows under a fixed English header row
 * (VCF_HEADERS), one row per card. The file's encoding is detected (phones export 2.1 in GBK too);
 * quoted-printable values use their own CHARSET, or the file's.
 */
export async function openVcf(path: string, opts: ReadOptions): Promise<SheetSource> {
  const head = await readHead(path, HEAD_BYTES);
  const encoding = opts.encoding ? normalizeEncoding(opts.encoding) : detectEncoding(head);
  // Quoted-printable without CHARSET: the file's own multibyte set if it has one, else UTF-8.
  const qpCharset = encoding.startsWith('utf-') ? 'utf-8' : encoding;
  const { size } = await stat(path);
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  let bytesRead = 0;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    stream.destroy();
  };

  async function* rows(): AsyncGenerator<string[]> {
    const decoder = createDecoder(encoding);
    const splitter = new VcardSplitter();
    let count = 0;
    try {
      let done = false;
      const iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      while (!done) {
        const next = await iterator.next();
        const cards: string[][] = [];
        if (next.done) {
          splitter.push(decoder.end(), cards);
          splitter.end(cards);
          done = true;
        } else {
          bytesRead += next.value.length;
          splitter.push(decoder.write(next.value), cards);
        }
        for (const card of cards) {
          if (++count > opts.limits.maxRows)
            throw new FileRefused('tooManyRows', { limit: opts.limits.maxRows });
          yield cardToRow(card, qpCharset);
        }
      }
      if (count === 0) throw new FileRefused('empty', {});
    } finally {
      stream.destroy();
    }
  }

  return {
    format: 'vcf',
    encoding,
    delimiter: null,
    headers: [...VCF_HEADERS],
    rows: rows(),
    close,
    progress: () => (size === 0 ? 1 : Math.min(1, bytesRead / size)),
  };
}
