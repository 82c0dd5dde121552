// Generated customers files for the import benchmarks: Chinese names, phones, addresses;
// 2% repeat an earlier company (duplicates by name), 1% have an invalid phone.
import fs from 'node:fs';
import ExcelJS from 'exceljs';

const CITIES = [
  ['广东', '深圳'],
  ['广东', '广州'],
  ['浙江', '杭州'],
  ['浙江', '宁波'],
  ['江苏', '苏州'],
  ['江苏', '南京'],
  ['山东', '青岛'],
  ['上海', '上海'],
  ['北京', '北京'],
  ['福建', '厦门'],
  ['四川', '成都'],
  ['湖北', '武汉'],
] as const;
const WORDS = [
  '华强',
  '海天',
  '金鹰',
  '东方',
  '新城',
  '恒通',
  '宏远',
  '瑞丰',
  '嘉禾',
  '远航',
  '腾达',
  '天成',
  '鑫源',
  '汇通',
  '凯旋',
  '中联',
];
const TRADES = [
  '电子科技',
  '机械制造',
  '贸易',
  '物流',
  '食品',
  '纺织',
  '化工',
  '建材',
  '医疗器械',
  '包装材料',
];
const PREFIXES = ['138', '139', '137', '135', '150', '151', '186', '188', '189', '158'];
const HEADERS = ['客户名称', '客户编号', '手机', '省份', '城市', '地址', '邮箱', '标签'];

/** Row i of the file (1-based); `salt` makes a second file of different customers. */
export function row(i: number, salt: number): string[] {
  const [province, city] = CITIES[i % CITIES.length]!;
  const n = i + salt;
  // 2% repeat an earlier row's company under another code (a duplicate by name); 1% are invalid.
  const base = i % 50 === 25 && i > 100 ? n - 17 : n;
  const name = `${city}${WORDS[base % WORDS.length]}${TRADES[(base >> 4) % TRADES.length]}${base}号有限公司`;
  const phone =
    i % 100 === 0 ? '12345' : `${PREFIXES[n % PREFIXES.length]}${String(n).padStart(8, '0').slice(-8)}`;
  return [
    name,
    `B${n}`,
    phone,
    province,
    city,
    `${city}市${WORDS[n % 16]}路${n % 999}号`,
    `sales${n}@c${n % 997}.cn`,
    i % 10 ? '' : '展会',
  ];
}

const csvCell = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

export async function writeCsv(file: string, N: number, salt: number) {
  const out = fs.createWriteStream(file);
  out.write(`${HEADERS.join(',')}\n`);
  let buf = '';
  for (let i = 1; i <= N; i++) {
    buf += `${row(i, salt).map(csvCell).join(',')}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(() => r()));
}

export async function writeXlsx(file: string, N: number, salt: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('客户');
  ws.addRow(HEADERS).commit();
  for (let i = 1; i <= N; i++) ws.addRow(row(i, salt)).commit();
  ws.commit();
  await wb.commit();
}
