/**
 * What may be uploaded as an attachment: the extension must be on the list, the first bytes
 * must look like that kind of file, and the declared type must not be one a browser would run
 * (HTML, SVG, scripts). The stored content type comes from the extension, never the client.
 */
type Magic = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'heic' | 'pdf' | 'zip' | 'ole' | 'text';

const TYPES: Record<string, { type: string; magic: Magic }> = {
  png: { type: 'image/png', magic: 'png' },
  jpg: { type: 'image/jpeg', magic: 'jpeg' },
  jpeg: { type: 'image/jpeg', magic: 'jpeg' },
  gif: { type: 'image/gif', magic: 'gif' },
  webp: { type: 'image/webp', magic: 'webp' },
  bmp: { type: 'image/bmp', magic: 'bmp' },
  heic: { type: 'image/heic', magic: 'heic' },
  pdf: { type: 'application/pdf', magic: 'pdf' },
  doc: { type: 'application/msword', magic: 'ole' },
  xls: { type: 'application/vnd.ms-excel', magic: 'ole' },
  ppt: { type: 'application/vnd.ms-powerpoint', magic: 'ole' },
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: 'zip',
  },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip' },
  pptx: {
    type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: 'zip',
  },
  zip: { type: 'application/zip', magic: 'zip' },
  txt: { type: 'text/plain; charset=utf-8', magic: 'text' },
  csv: { type: 'text/csv; charset=utf-8', magic: 'text' },
};

export const ALLOWED_EXTENSIONS = Object.keys(TYPES);

const FORBIDDEN_DECLARED =
  /html|svg|javascript|ecmascript|x-msdownload|x-msdos|x-executable|x-sh\b|x-csh|x-httpd|xml/i;

const startsWith = (b: Uint8Array, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function looksLike(magic: Magic, head: Uint8Array): boolean {
  switch (magic) {
    case 'png':
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47]);
    case 'jpeg':
      return startsWith(head, [0xff, 0xd8, 0xff]);
    case 'gif':
      return startsWith(head, ascii('GIF8'));
    case 'webp':
      return startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8);
    case 'bmp':
      return startsWith(head, ascii('BM'));
    case 'heic':
      return startsWith(head, ascii('ftyp'), 4);
    case 'pdf':
      return startsWith(head, ascii('%PDF'));
    case 'zip':
      return startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]);
    case 'ole':
      return startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    case 'text':
      return isPlainText(head);
  }
}

/** Text without NUL bytes that does not open like markup a browser would render. */
function isPlainText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  const start = new TextDecoder('utf-8', { fatal: false })
    .decode(head.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return !/^<(!doctype|html|script|svg|\?xml)/.test(start) && !start.startsWith('#!');
}

export type UploadVerdict = { ok: true; contentType: string } | { ok: false };

export function classifyUpload(fileName: string, declaredType: string, head: Uint8Array): UploadVerdict {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const known = ext ? TYPES[ext] : undefined;
  if (!known) return { ok: false };
  if (FORBIDDEN_DECLARED.test(declaredType)) return { ok: false };
  // An empty text file is harmless; an empty "PDF" is not a PDF.
  if (head.length === 0)
    return known.magic === 'text' ? { ok: true, contentType: known.type } : { ok: false };
  return looksLike(known.magic, head) ? { ok: true, contentType: known.type } : { ok: false };
}

/** A safe file name to store and echo: no path parts, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (clean || 'file').slice(-200);
}

/** Content-Disposition for a download: an ASCII fallback plus RFC 5987 filename* for Chinese names. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
