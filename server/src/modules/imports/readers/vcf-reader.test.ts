import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from './index.ts';
import { FileRefused } from './source.ts';
import { LIMITS, readAll, tempFolder } from './test-files.ts';
import { parseProperty, VCF_HEADERS } from './vcard-parser.ts';
import { openVcf } from './vcf-reader.ts';

const folder = tempFolder('vcf');
afterAll(() => folder.remove());

type Row = Partial<Record<(typeof VCF_HEADERS)[number], string>>;

async function cards(
  name: string,
  data: Buffer | string,
  encoding?: string,
): Promise<{ encoding: string | null; rows: Row[] }> {
  const source = await openVcf(folder.file(name, data), { encoding: encoding ?? null, limits: LIMITS });
  expect(source.headers).toEqual([...VCF_HEADERS]);
  const rows = (await readAll(source)).map(
    (cells) =>
      Object.fromEntries(VCF_HEADERS.map((h, i) => [h, cells[i]!]).filter(([, v]) => v !== '')) as Row,
  );
  return { encoding: source.encoding, rows };
}

/** Quoted-printable of a string's bytes in a charset, folded with soft line breaks every `width` chars. */
function qp(text: string, charset: string, width = 60): string {
  const hex = [...iconv.encode(text, charset)]
    .map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += width) lines.push(hex.slice(i, i + width));
  return lines.join('=\r\n');
}

describe('openVcf reads vCard 2.1 as phones export it', () => {
  it('quoted-printable UTF-8 names, soft line breaks, TEL;CELL', async () => {
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      `N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp('张', 'utf-8')};${qp('伟', 'utf-8')};;;`,
      `FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp('张伟', 'utf-8')}`,
      `ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp('上海宏达机械制造有限公司;销售部', 'utf-8', 30)}`,
      'TEL;CELL;PREF:138 0013 8000',
      'TEL;WORK;VOICE:021-5888 8888',
      'TEL;WORK;FAX:021-5888 8889',
      'EMAIL;INTERNET:zhangwei@example.com',
      `ADR;WORK;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;${qp('张江路88号', 'utf-8')};${qp('浦东新区', 'utf-8')};${qp('上海市', 'utf-8')};201203;${qp('中国', 'utf-8')}`,
      `NOTE;ENCODING=QUOTED-PRINTABLE:${qp('展会认识, 对数控机床感兴趣', 'utf-8', 24)}`,
      'BDAY:19850312',
      'END:VCARD',
      '',
    ].join('\r\n');
    const { encoding, rows } = await cards('android.vcf', vcf);
    expect(encoding).toBe('utf-8');
    expect(rows).toEqual([
      {
        Name: '张伟',
        'Family name': '张',
        'Given name': '伟',
        Organization: '上海宏达机械制造有限公司',
        Department: '销售部',
        Mobile: '138 0013 8000',
        Phone: '021-5888 8888',
        Email: 'zhangwei@example.com',
        Address: '中国上海市浦东新区张江路88号',
        Birthday: '1985-03-12',
        Note: '展会认识, 对数控机床感兴趣; Fax: 021-5888 8889',
      },
    ]);
  });

  it('quoted-printable GBK in a GBK file, with plain GBK text beside it', async () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      `N;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:${qp('李', 'gbk')};${qp('娜', 'gbk')}`,
      'TITLE:采购经理',
      'TEL;CELL:13912345678',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      `FN;CHARSET=GB2312;QUOTED-PRINTABLE:${qp('王芳', 'gbk')}`,
      'ORG:广州永泰贸易商行',
      'END:VCARD',
      '',
    ].join('\r\n');
    const { encoding, rows } = await cards('gbk.vcf', iconv.encode(text, 'gbk'));
    expect(encoding).toBe('gb18030');
    expect(rows).toEqual([
      { Name: '李娜', 'Family name': '李', 'Given name': '娜', Title: '采购经理', Mobile: '13912345678' },
      { Name: '王芳', Organization: '广州永泰贸易商行' },
    ]);
  });
});

describe('openVcf reads vCard 3.0 and 4.0', () => {
  it('3.0: folding, escapes, TYPE lists, grouped properties with labels, several cards', async () => {
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:陈;小明;;;',
      'FN:陈小明',
      'ORG:深圳市前海科技有限公司\\, 分公司;研发中心;硬件组',
      'TITLE:总监',
      'TEL;TYPE=CELL,VOICE:+86 137 0000 1111',
      'TEL;TYPE=WORK:0755-8888 0000',
      'TEL;type=HOME;type=VOICE:0755-1234 5678',
      'item1.TEL:wx_chenxm',
      'item1.X-ABLabel:微信',
      'item2.EMAIL;type=INTERNET:chen@example.com',
      'item2.X-ABLabel:_$!<Work>!$_',
      'EMAIL;TYPE=HOME:chen.home@example.com',
      'NOTE:第一行\\n第二行\\; 分号\\, 逗号 \\\\ 反斜杠 and a long note that the phone',
      '  folded onto the next line',
      'ADR;TYPE=WORK:;;Nanshan Ave 1;Shenzhen;Guangdong;518000;China',
      'URL:https://example.com/chen',
      'X-SOCIALPROFILE;type=wechat:chenxm2',
      'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U',
      ' HRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgy',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Smith;John;Q;Dr.;Jr.',
      'TEL:13800000000',
      'END:VCARD',
    ].join('\n');
    const { rows } = await cards('ios.vcf', vcf);
    expect(rows).toEqual([
      {
        Name: '陈小明',
        'Family name': '陈',
        'Given name': '小明',
        Organization: '深圳市前海科技有限公司, 分公司',
        Department: '研发中心 硬件组',
        Title: '总监',
        Mobile: '+86 137 0000 1111',
        Phone: '0755-8888 0000; 0755-1234 5678',
        Email: 'chen@example.com; chen.home@example.com',
        WeChat: 'wx_chenxm; chenxm2',
        Address: 'Nanshan Ave 1, Shenzhen, Guangdong, 518000, China',
        Note: '第一行\n第二行; 分号, 逗号 \\ 反斜杠 and a long note that the phone folded onto the next line',
        URL: 'https://example.com/chen',
      },
      { Name: 'Dr. John Q Smith Jr.', 'Family name': 'Smith', 'Given name': 'John', Mobile: '13800000000' },
    ]);
  });

  it('4.0: tel: URIs, quoted TYPE lists, IMPP, birthdays without a year', async () => {
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:赵敏',
      'N:赵;敏;;;',
      'TEL;VALUE=uri;TYPE="cell,voice";PREF=1:tel:+86-150-0000-2222',
      'TEL;VALUE=uri;TYPE=work:tel:+86-10-6666-0000',
      'IMPP;PREF=1:weixin:zhaomin88',
      'EMAIL;TYPE=work:zhao@example.org',
      'BDAY:--0415',
      'ORG:北京某某集团',
      'END:VCARD',
    ].join('\r\n');
    const { rows } = await cards('v4.vcf', vcf);
    expect(rows).toEqual([
      {
        Name: '赵敏',
        'Family name': '赵',
        'Given name': '敏',
        Organization: '北京某某集团',
        Mobile: '+86-150-0000-2222',
        Phone: '+86-10-6666-0000',
        Email: 'zhao@example.org',
        WeChat: 'zhaomin88',
        Birthday: '--04-15',
      },
    ]);
  });

  it('builds a Chinese name from N without a space when FN is missing', async () => {
    const { rows } = await cards(
      'n-only.vcf',
      'BEGIN:VCARD\r\nVERSION:3.0\r\nN:欧阳;娜娜;;;\r\nEND:VCARD\r\n',
    );
    expect(rows[0]!.Name).toBe('欧阳娜娜');
  });
});

describe('openVcf and hostile or odd files', () => {
  it('refuses a file without any card as empty', async () => {
    const source = await openSource(folder.file('blank.vcf', '\r\n\r\n'), 'blank.vcf', { limits: LIMITS });
    await expect(readAll(source)).rejects.toMatchObject({ reason: 'empty' });
  });

  it('caps the number of cards', async () => {
    const vcf = Array.from(
      { length: 30 },
      (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:人${i}\r\nEND:VCARD\r\n`,
    ).join('');
    const source = await openVcf(folder.file('many.vcf', vcf), { limits: { ...LIMITS, maxRows: 25 } });
    await expect(readAll(source)).rejects.toMatchObject({ reason: 'tooManyRows' });
  });

  it('reads a last card cut short, and ignores text outside cards', async () => {
    const { rows } = await cards(
      'cut.vcf',
      'junk line\r\nBEGIN:VCARD\r\nFN:甲\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:乙\r\nTEL:021-1',
    );
    expect(rows).toEqual([{ Name: '甲' }, { Name: '乙', Phone: '021-1' }]);
  });

  it('is what openSource picks for a .vcf, and it is refused when it is no vCard', async () => {
    const path = folder.file('contacts.vcf', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:丙\r\nEND:VCARD\r\n');
    const source = await openSource(path, 'contacts.vcf', { limits: LIMITS });
    expect(source.format).toBe('vcf');
    expect(await readAll(source)).toEqual([['丙', ...Array(VCF_HEADERS.length - 1).fill('')]]);
    const notCard = folder.file('not.vcf', 'name,phone\n');
    await expect(openSource(notCard, 'not.vcf', { limits: LIMITS })).rejects.toBeInstanceOf(FileRefused);
  });
});

describe('parseProperty', () => {
  it('finds the value after quoted parameters that hold ":" and ";"', () => {
    const p = parseProperty('item3.ADR;LABEL="上海: 浦东; 张江";TYPE=work,pref:;;张江路1号;上海;;;', 'utf-8');
    expect(p).toMatchObject({ group: 'item3', name: 'ADR', value: ';;张江路1号;上海;;;' });
    expect(p?.params.get('LABEL')).toEqual(['上海: 浦东; 张江']);
    expect([...p!.types]).toEqual(['work', 'pref']);
  });

  it('is null for a line without a value', () => {
    expect(parseProperty('NOTE;"a:b"', 'utf-8')).toBeNull();
  });
});
