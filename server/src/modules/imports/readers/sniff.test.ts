import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from './sniff.ts';
import { FileRefused, type RefusalReason } from './source.ts';

const ZIP = Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1');
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(60)]);
const CSV = Buffer.from('客户名称,手机\n上海,138\n', 'utf8');
const VCARD = Buffer.from('\ufeff\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nEND:VCARD\r\n', 'utf8');

function refusal(head: Buffer, name: string): RefusalReason | 'accepted' {
  try {
    sniffFormat(head, name);
    return 'accepted';
  } catch (error) {
    if (error instanceof FileRefused) return error.reason;
    throw error;
  }
}

describe('sniffFormat decides by the bytes, and the name must agree', () => {
  it.each([
    ['a zip named .xlsx is xlsx', ZIP, 'customers.xlsx', 'xlsx'],
    ['text named .csv is csv', CSV, '客户.CSV', 'csv'],
    ['text named .txt is csv', CSV, 'export.txt', 'csv'],
    ['BEGIN:VCARD after a BOM and blank lines is vcf', VCARD, 'contacts.vcf', 'vcf'],
    [
      'a UTF-16 CSV with its BOM is csv',
      iconv.encode('\ufeffa,b\n1,2\n', 'utf-16le', { addBOM: false }),
      'x.csv',
      'csv',
    ],
    [
      'a UTF-16 vCard with its BOM is vcf',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('BEGIN:VCARD\r\n', 'utf-16le')]),
      'x.vcf',
      'vcf',
    ],
  ])('%s', (_, head, name, format) => {
    expect(sniffFormat(head as Buffer, name as string)).toBe(format);
  });

  it.each([
    ['an .xlsx that is text', CSV, 'customers.xlsx', 'formatMismatch'],
    ['a .csv that is a zip', ZIP, 'customers.csv', 'formatMismatch'],
    ['a .csv that is binary', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x01]), 'customers.csv', 'formatMismatch'],
    ['an .exe renamed .csv', EXE, 'customers.csv', 'formatMismatch'],
    ['an .exe renamed .xlsx', EXE, 'customers.xlsx', 'formatMismatch'],
    ['an .exe as it is', EXE, 'setup.exe', 'unknownFormat'],
    ['an old .xls', OLE2, 'customers.xls', 'unknownFormat'],
    ['an old .xls renamed .xlsx', OLE2, 'customers.xlsx', 'formatMismatch'],
    ['a .vcf that is no vCard', CSV, 'contacts.vcf', 'formatMismatch'],
    ['a .docx (a zip, not a workbook name)', ZIP, 'letter.docx', 'unknownFormat'],
    ['a PDF', Buffer.from('%PDF-1.7\n'), 'customers.pdf', 'unknownFormat'],
    ['an empty file', Buffer.alloc(0), 'customers.csv', 'empty'],
  ])('refuses %s', (_, head, name, reason) => {
    expect(refusal(head as Buffer, name as string)).toBe(reason);
  });

  it('names the file and what it found in the refusal', () => {
    try {
      sniffFormat(ZIP, 'customers.csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FileRefused);
      expect((error as FileRefused).params).toEqual({
        fileName: 'customers.csv',
        extension: 'csv',
        detected: 'zip',
      });
    }
  });
});
