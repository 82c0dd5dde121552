import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { FileRefused } from './source.ts';

/** Chardet's answers below this are guesses; Big5 and the Japanese/Korean sets must be surer than GB18030. */
const SURE = 80;

/** Single-byte sets chardet may name for a non-UTF-8 file that is not Chinese (Latin-1 exports from old systems). */
const SINGLE_BYTE = /^(ISO-8859-\d+|windows-\d+|KOI8-R)$/;

/**
 * The encoding of a text file from its first bytes: a BOM decides; valid UTF-8 wins; otherwise chardet,
 * mapped to the Chinese sets the way Excel and old systems write them. GBK is read as GB18030 (its
 * superset), so a GBK file with a GB18030-only character later on still decodes.
 */
export function detectEncoding(head: Buffer): string {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (isUtf8Prefix(head)) return 'utf-8';

  const ranked = chardet.analyse(head);
  const confidenceOf = (name: string) => ranked.find((m) => m.name === name)?.confidence ?? 0;
  const gb = confidenceOf('GB18030');
  const top = ranked[0];
  if (!top) return 'gb18030';
  const name: string = top.name;
  if (name === 'Big5' && top.confidence >= SURE && top.confidence > gb) return 'big5';
  if (name === 'GB18030') return 'gb18030';
  if (name === 'GB2312' || name === 'GBK') return 'gbk';
  if ((name === 'Shift_JIS' || name === 'EUC-JP' || name === 'EUC-KR') && top.confidence >= SURE && gb < 50) {
    return name.toLowerCase();
  }
  // Short Chinese text often fools the statistics; a byte structure that is valid GB18030 settles it.
  if (isGbStructured(head)) return 'gb18030';
  if (SINGLE_BYTE.test(name) && iconv.encodingExists(name)) return name.toLowerCase();
  return 'gb18030';
}

/** Valid UTF-8, allowing the head to end in the middle of a character. */
function isUtf8Prefix(head: Buffer): boolean {
  if (isUtf8(head)) return true;
  for (let cut = 1; cut <= 3 && cut < head.length; cut++) {
    const b = head[head.length - cut]!;
    if (b >= 0xc0) return isUtf8(head.subarray(0, head.length - cut));
    if (b < 0x80) return false;
  }
  return false;
}

/** Every byte ≥ 0x81 starts a GBK pair (second byte 0x40–0xFE, not 0x7F) or a GB18030 four-byte sequence. */
function isGbStructured(head: Buffer): boolean {
  const end = head.length;
  let multi = 0;
  for (let i = 0; i < end; i++) {
    const b = head[i]!;
    if (b < 0x80) continue;
    if (b === 0x80 || b === 0xff) return false;
    if (i + 1 >= end) break;
    const b2 = head[i + 1]!;
    if (b2 >= 0x30 && b2 <= 0x39) {
      if (i + 3 >= end) break;
      const b3 = head[i + 2]!;
      const b4 = head[i + 3]!;
      if (b3 < 0x81 || b3 > 0xfe || b4 < 0x30 || b4 > 0x39) return false;
      i += 3;
    } else if (b2 >= 0x40 && b2 <= 0xfe && b2 !== 0x7f) {
      i += 1;
    } else {
      return false;
    }
    multi++;
  }
  return multi > 0;
}

/** Canonical spelling of a user-chosen encoding, refused when iconv-lite cannot decode it. */
export function normalizeEncoding(encoding: string): string {
  const name = encoding.trim().toLowerCase();
  const canonical = name === 'utf8' ? 'utf-8' : name === 'gb2312' ? 'gbk' : name;
  if (!iconv.encodingExists(canonical)) throw new FileRefused('badEncoding', { encoding });
  return canonical;
}

/** A streaming decoder that drops the BOM and never splits a character across chunks. */
export function createDecoder(encoding: string): { write(chunk: Buffer): string; end(): string } {
  const name = normalizeEncoding(encoding);
  if (name === 'utf-8' || name === 'utf-16le') {
    // The platform decoder is about twice as fast as iconv-lite's for UTF-8 (and drops the BOM too).
    const decoder = new TextDecoder(name);
    return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  }
  const decoder = iconv.getDecoder(name, { stripBOM: true });
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}
