import { openCsv } from './csv-reader.ts';
import { readHead } from './head.ts';
import { sniffFormat } from './sniff.ts';
import type { ReadOptions, SheetSource } from './source.ts';
import { openVcf } from './vcf-reader.ts';
import { openXlsx } from './xlsx-reader.ts';

export { openCsv } from './csv-reader.ts';
export { detectDialect } from './csv-parser.ts';
export { detectEncoding } from './encoding.ts';
export { sniffFormat } from './sniff.ts';
export { VCF_HEADERS } from './vcard-parser.ts';
export { openVcf } from './vcf-reader.ts';
export { openXlsx } from './xlsx-reader.ts';
export { inspectZip, type ZipSummary } from './zip-inspect.ts';
export * from './source.ts';

/** Bytes enough for magic numbers, BOMs and the first vCard line. */
const SNIFF_BYTES = 4096;

/** Opens any supported file: sniffs its format from the first bytes (refusing mismatches) and streams it. */
export async function openSource(path: string, fileName: string, opts: ReadOptions): Promise<SheetSource> {
  const format = sniffFormat(await readHead(path, SNIFF_BYTES), fileName);
  if (format === 'xlsx') return openXlsx(path, opts);
  if (format === 'vcf') return openVcf(path, opts);
  return openCsv(path, opts);
}
