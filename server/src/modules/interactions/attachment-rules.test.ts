import { describe, expect, it } from 'vitest';
import { classifyUpload, cleanFileName, contentDisposition } from './attachment-rules.ts';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('what may be attached', () => {
  it.each([
    ['photo.JPG', 'image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['scan.png', 'image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])],
    ['contract.pdf', 'application/pdf', bytes('%PDF-1.7')],
    ['quote.xlsx', 'application/octet-stream', bytes([0x50, 0x4b, 0x03, 0x04])],
    ['old.doc', 'application/msword', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
    ['list.csv', 'text/csv', bytes('名称,数量\n')],
    ['empty.txt', 'text/plain', bytes()],
  ])('accepts %s', (name, type, head) => {
    expect(classifyUpload(name, type, head).ok).toBe(true);
  });

  it.each([
    ['tool.exe', 'application/octet-stream', bytes('MZ')],
    ['page.html', 'text/html', bytes('<html>')],
    ['logo.svg', 'image/svg+xml', bytes('<svg>')],
    ['renamed.pdf', 'application/pdf', bytes('MZ')],
    ['noext', 'application/pdf', bytes('%PDF')],
    ['notes.txt', 'text/html', bytes('hello')],
    ['notes.txt', 'text/plain', bytes(' <script>alert(1)</script>')],
    ['run.txt', 'text/plain', bytes('#!/bin/sh\n')],
    ['blob.txt', 'text/plain', bytes([0x41, 0x00, 0x42])],
    ['empty.pdf', 'application/pdf', bytes()],
  ])('refuses %s (%s)', (name, type, head) => {
    expect(classifyUpload(name, type, head).ok).toBe(false);
  });

  it('stores the type of the extension, not the one the client declared', () => {
    expect(classifyUpload('a.xlsx', 'application/octet-stream', bytes([0x50, 0x4b, 0x03, 0x04]))).toEqual({
      ok: true,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });
});

describe('file names', () => {
  it('drops path parts, quotes and control characters', () => {
    expect(cleanFileName('C:\\Users\\张\\报价"单\u0007.pdf')).toBe('报价单.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('')).toBe('file');
  });

  it('downloads with an ASCII fallback and an RFC 5987 UTF-8 name', () => {
    expect(contentDisposition("客户(1)'s.pdf")).toBe(
      `attachment; filename="__(1)'s.pdf"; filename*=UTF-8''%E5%AE%A2%E6%88%B7%281%29%27s.pdf`,
    );
  });
});
