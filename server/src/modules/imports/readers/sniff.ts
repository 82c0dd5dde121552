import iconv from 'iconv-lite';
import { FileRefused, type FileFormat } from './source.ts';

/** Magic numbers of files people upload by mistake or on purpose; none of them is a spreadsheet we read. */
const BINARY_MAGIC: [string, number[]][] = [
  ['xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['exe', [0x4d, 0x5a]],
  ['elf', [0x7f, 0x45, 0x4c, 0x46]],
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['gzip', [0x1f, 0x8b]],
  ['rar', [0x52, 0x61, 0x72, 0x21]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
];

const ZIP_NAMES = new Set(['xlsx', 'xlsm', '']);
const TEXT_NAMES = new Set(['csv', 'tsv', 'txt', '']);

/**
 * Which reader a file needs, decided by its first bytes (the extension only has to agree):
 * a zip is xlsx, text starting with BEGIN:VCARD is vcf, other text is csv. Old .xls, executables,
 * images and any other binary are refused, as is a name that promises another format than the bytes.
 */
export function sniffFormat(head: Buffer, fileName: string): FileFormat {
  const extension = extensionOf(fileName);
  const params = { fileName, extension };
  if (head.length === 0) throw new FileRefused('empty', params);
  // A name we read that does not match the bytes is a mismatch; any other name is a format we don't read.
  const ours = ZIP_NAMES.has(extension) || TEXT_NAMES.has(extension) || extension === 'vcf';
  const refuse = (detected: string) =>
    new FileRefused(ours ? 'formatMismatch' : 'unknownFormat', { ...params, detected });

  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    if (ZIP_NAMES.has(extension)) return 'xlsx';
    throw refuse('zip');
  }
  const binary = BINARY_MAGIC.find(([, magic]) => startsWith(head, magic));
  if (binary) throw refuse(binary[0]);
  const text = textOf(head);
  if (text === null) throw refuse('binary');
  const start = text.replace(/^[\ufeff\s]+/, '');
  // Only blanks in the head: the reader decides whether anything follows (it refuses an empty file).
  if (start.length === 0 && extension === 'vcf') return 'vcf';
  if (/^BEGIN:VCARD/i.test(start)) {
    if (extension === 'vcf' || TEXT_NAMES.has(extension)) return 'vcf';
    throw refuse('vcf');
  }
  if (TEXT_NAMES.has(extension)) return 'csv';
  throw refuse('text');
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

function startsWith(head: Buffer, magic: number[]): boolean {
  return head.length >= magic.length && magic.every((b, i) => head[i] === b);
}

/** The head as text, or null when it holds NUL bytes (binary); UTF-16 files are recognised by their BOM. */
function textOf(head: Buffer): string | null {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    const text = iconv.decode(head, head[0] === 0xff ? 'utf-16le' : 'utf-16be');
    return text.includes('\0') ? null : text;
  }
  if (head.includes(0)) return null;
  // ASCII is enough to see BEGIN:VCARD; other bytes stay as they are.
  const body = startsWith(head, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head;
  return body.toString('latin1');
}
