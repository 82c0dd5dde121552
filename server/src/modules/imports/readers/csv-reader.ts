import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CsvParser, detectDialect } from './csv-parser.ts';
import { createDecoder, detectEncoding, normalizeEncoding } from './encoding.ts';
import { readHead } from './head.ts';
import { splitHeader } from './rows.ts';
import { FileRefused, type ReadOptions, type SheetSource } from './source.ts';

const CHUNK = 256 * 1024;
/** Bytes read to guess the encoding and the delimiter. */
const HEAD_BYTES = 64 * 1024;

/**
 * Streams a CSV: file → decoder (detected or chosen encoding, BOM dropped) → incremental parser. The
 * delimiter is guessed from the first lines unless chosen. Memory holds one chunk and one batch of rows.
 */
export async function openCsv(path: string, opts: ReadOptions): Promise<SheetSource> {
  const head = await readHead(path, HEAD_BYTES);
  const encoding = opts.encoding ? normalizeEncoding(opts.encoding) : detectEncoding(head);
  const sample = createDecoder(encoding).write(head);
  const dialect = detectDialect(sample);
  const delimiter = opts.delimiter ?? dialect.delimiter;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new FileRefused('corrupt', { reason: 'badDelimiter', delimiter });
  }
  const { size } = await stat(path);
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  let bytesRead = 0;
  let closed = false;

  async function* records(): AsyncGenerator<string[][]> {
    const decoder = createDecoder(encoding);
    const parser = new CsvParser(delimiter, dialect.newline);
    let skipSepLine = dialect.sepLine;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytesRead += chunk.length;
        const out: string[][] = [];
        parser.push(decoder.write(chunk), out);
        if (skipSepLine && out.length > 0) {
          out.shift();
          skipSepLine = false;
        }
        if (out.length > 0) yield out;
      }
      const out: string[][] = [];
      parser.push(decoder.end(), out);
      parser.end(out);
      if (skipSepLine && out.length > 0) out.shift();
      if (out.length > 0) yield out;
    } finally {
      stream.destroy();
    }
  }

  const close = async () => {
    if (closed) return;
    closed = true;
    stream.destroy();
  };
  try {
    const { headers, rows } = await splitHeader(records(), opts.limits);
    return {
      format: 'csv',
      encoding,
      delimiter,
      headers,
      rows,
      close,
      progress: () => (size === 0 ? 1 : Math.min(1, bytesRead / size)),
    };
  } catch (error) {
    await close();
    throw error;
  }
}
