// Pure: which uploaded bytes are a product image. Only JPEG, PNG and WebP, told by their magic
// bytes (the declared type and the file name are not trusted), under a size cap.

export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const IMAGES_PER_PRODUCT = 20;

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export function sniffImage(head: Uint8Array): ImageType | null {
  const b = (i: number) => head[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b(i) === v)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const EXT: Record<ImageType, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp' };

/** A safe display name: no path, no control characters, at most 120 characters, the real extension. */
export function imageFileName(raw: string, type: ImageType): string {
  const base = (raw.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}"<>|:*?]/gu, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 100);
  return `${base || 'image'}${EXT[type]}`;
}
