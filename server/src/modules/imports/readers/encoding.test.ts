import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDecoder, detectEncoding, normalizeEncoding } from './encoding.ts';
import { FileRefused } from './source.ts';

const TEXT =
  '客户名称,联系人,手机,地址\n上海宏达机械制造有限公司,张伟,13800138000,上海市浦东新区张江路88号\n广州市白云区永泰贸易商行,李娜,13912345678,广东省广州市白云区永泰村\n';

describe('detectEncoding', () => {
  it('reads UTF-8 without a BOM as utf-8', () => {
    expect(detectEncoding(Buffer.from(TEXT, 'utf8'))).toBe('utf-8');
  });

  it('reads a UTF-8 BOM as utf-8', () => {
    expect(detectEncoding(Buffer.from(`\ufeff${TEXT}`, 'utf8'))).toBe('utf-8');
  });

  it('still says utf-8 when the head cuts a character in half', () => {
    const bytes = Buffer.from(TEXT, 'utf8');
    const cut = bytes.indexOf(Buffer.from('张', 'utf8')) + 1;
    expect(detectEncoding(bytes.subarray(0, cut))).toBe('utf-8');
  });

  it('reads GBK (what Excel saves in China) as gb18030, its superset', () => {
    const encoding = detectEncoding(iconv.encode(TEXT, 'gbk'));
    expect(encoding).toBe('gb18030');
    expect(iconv.decode(iconv.encode(TEXT, 'gbk'), encoding)).toBe(TEXT);
  });

  it('reads GB18030 with four-byte characters as gb18030', () => {
    const text = `${TEXT}𠀀㆒公司,王𠀀,13700000000,北京\n`;
    const bytes = iconv.encode(text, 'gb18030');
    expect(detectEncoding(bytes)).toBe('gb18030');
    expect(iconv.decode(bytes, 'gb18030')).toBe(text);
  });

  it('reads a short GBK line as gb18030 too', () => {
    expect(detectEncoding(iconv.encode('名称\n张三\n', 'gbk'))).toBe('gb18030');
  });

  it('reads the UTF-16 BOMs', () => {
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x41]))).toBe('utf-16be');
  });

  it('reads Big5 when chardet is sure', () => {
    const big5 =
      '客戶名稱,聯絡人,電話,地址\n臺北市信義區忠孝東路五段一號,陳先生,0227208889,臺灣臺北市\n高雄市前鎮區中華五路七八九號,林小姐,0728888888,臺灣高雄市\n'.repeat(
        4,
      );
    expect(detectEncoding(iconv.encode(big5, 'big5'))).toBe('big5');
  });
});

describe('decoders', () => {
  it('drop the BOM and join characters split across chunks', () => {
    const bytes = Buffer.from(`\ufeff${TEXT}`, 'utf8');
    for (const encoding of ['utf-8', 'gb18030']) {
      const source = encoding === 'utf-8' ? bytes : iconv.encode(TEXT, 'gb18030');
      const decoder = createDecoder(encoding);
      let text = '';
      for (let i = 0; i < source.length; i += 7) text += decoder.write(source.subarray(i, i + 7));
      text += decoder.end();
      expect(text).toBe(TEXT);
    }
  });

  it('refuse an encoding nobody can decode', () => {
    expect(() => normalizeEncoding('klingon')).toThrow(FileRefused);
    expect(normalizeEncoding('GB2312')).toBe('gbk');
    expect(normalizeEncoding('UTF8')).toBe('utf-8');
  });
});
