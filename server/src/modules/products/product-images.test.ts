import { describe, expect, it } from 'vitest';
import { imageFileName, sniffImage } from './product-images.ts';

describe('sniffImage', () => {
  it.each([
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'image/jpeg'],
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    ['webp', [...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WEBPVP8 ')], 'image/webp'],
    ['gif', [...Buffer.from('GIF89a')], null],
    ['svg', [...Buffer.from('<svg xmlns=')], null],
    ['html claiming jpeg', [...Buffer.from('<html>')], null],
    ['empty', [], null],
    ['RIFF wave', [...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WAVE')], null],
  ] as const)('%s', (_n, bytes, want) => {
    expect(sniffImage(Uint8Array.from(bytes))).toBe(want);
  });
});

describe('imageFileName', () => {
  it('keeps the name, drops paths and the claimed extension', () => {
    expect(imageFileName('C:\\photos\\电饭煲 正面.PNG', 'image/jpeg')).toBe('电饭煲 正面.jpg');
    expect(imageFileName('../../etc/passwd', 'image/png')).toBe('passwd.png');
    expect(imageFileName('', 'image/webp')).toBe('image.webp');
  });
});
