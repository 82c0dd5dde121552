// File readers of the import (server/src/modules/imports/readers): rows/s and peak RSS of reading
// generated files to the end, without the database. Files go to a temp folder and are removed.
//   npx tsx bench/readers.ts [--csv-rows 1000000] [--xlsx-rows 100000] [--vcf-cards 100000]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import { openSource, type SheetSource } from '../server/src/modules/imports/readers/index.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const csvRows = Number(args.get('csv-rows') ?? 1_000_000);
const xlsxRows = Number(args.get('xlsx-rows') ?? 100_000);
const vcfCards = Number(args.get('vcf-cards') ?? 100_000);
const limits = { maxRows: 5_000_000, maxInflatedBytes: 4 * 1024 ** 3, maxZipEntries: 10_000 };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-readers-'));

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

const HEADER = ['客户名称', '编码', '手机', '邮箱', '省', '市', '地址', '行业', '成立日期', '金额'];
function row(i: number): (string | number)[] {
  return [
    `上海测试${i % 97}贸易有限公司${i}`,
    `C${1_000_000 + i}`,
    `1380013${String(i % 10_000).padStart(4, '0')}`,
    `user${i}@example.com`,
    '上海市',
    '浦东新区',
    i % 3 === 0 ? `"张江路${i}号, 3楼"` : `张江路${i}号`,
    '制造业',
    `20${String(i % 25).padStart(2, '0')}-0${(i % 9) + 1}-1${i % 10}`,
    (i * 1.37).toFixed(2),
  ];
}

function writeCsv(file: string, rows: number, encoding: string): void {
  const fd = fs.openSync(file, 'w');
  let buf = HEADER.join(',') + '\r\n';
  for (let i = 0; i < rows; i++) {
    buf += row(i).join(',') + '\r\n';
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, iconv.encode(buf, encoding));
      buf = '';
    }
  }
  fs.writeSync(fd, iconv.encode(buf, encoding));
  fs.closeSync(fd);
}

function writeXlsx(file: string, rows: number): void {
  const aoa: (string | number)[][] = [HEADER];
  for (let i = 0; i < rows; i++) {
    const r = row(i);
    aoa.push([
      r[0]!,
      r[1]!,
      Number(r[2]),
      r[3]!,
      r[4]!,
      r[5]!,
      String(r[6]).replace(/"/g, ''),
      r[7]!,
      r[8]!,
      Number(r[9]),
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Sheet1');
  fs.writeFileSync(
    file,
    XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }) as Buffer,
  );
}

function writeVcf(file: string, cards: number): void {
  const fd = fs.openSync(file, 'w');
  let buf = '';
  for (let i = 0; i < cards; i++) {
    buf += `BEGIN:VCARD\r\nVERSION:3.0\r\nN:张;伟${i};;;\r\nFN:张伟${i}\r\nORG:上海宏达机械制造有限公司;销售部\r\nTITLE:经理\r\nTEL;TYPE=CELL:1380013${String(i % 10_000).padStart(4, '0')}\r\nTEL;TYPE=WORK:021-5888 8888\r\nEMAIL;TYPE=WORK:user${i}@example.com\r\nADR;TYPE=WORK:;;张江路${i}号;浦东新区;上海市;201203;中国\r\nNOTE:展会认识\\n第二行\r\nEND:VCARD\r\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

/** Reads the file in a fresh process, so the peak RSS is the reader's alone (not the file generator's). */
function measure(label: string, file: string, name: string): void {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, '--read', file, '--name', name],
    {
      encoding: 'utf8',
    },
  );
  const { rows, seconds, cpuSeconds, peak } = JSON.parse(out) as Record<string, number>;
  const mb = (fs.statSync(file).size / 1024 ** 2).toFixed(0);
  console.log(
    `${label.padEnd(28)} ${String(rows).padStart(9)} rows  ${mb.padStart(4)} MB  ${seconds!.toFixed(2).padStart(6)} s  ` +
      `${Math.round(rows! / seconds!)
        .toLocaleString('en')
        .padStart(
          9,
        )} rows/s  (${Math.round(rows! / cpuSeconds!).toLocaleString('en')} rows/CPU-s)  peak RSS ${Math.round(peak! / 1024 ** 2)} MB`,
  );
}

async function read(file: string, name: string): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const source: SheetSource = await openSource(file, name, { limits });
  let rows = 0;
  for await (const _row of source.rows) rows++;
  await source.close();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  process.stdout.write(
    JSON.stringify({ rows, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peak: peakRss }),
  );
}

if (args.has('read')) {
  await read(args.get('read')!, args.get('name')!);
  clearInterval(sampler);
  process.exit(0);
}

try {
  console.log(
    `node ${process.version}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const utf8 = path.join(dir, 'utf8.csv');
  writeCsv(utf8, csvRows, 'utf-8');
  measure('CSV UTF-8, 10 columns', utf8, 'customers.csv');
  const gbk = path.join(dir, 'gbk.csv');
  writeCsv(gbk, csvRows, 'gbk');
  fs.rmSync(utf8);
  measure('CSV GBK, 10 columns', gbk, 'customers.csv');
  fs.rmSync(gbk);
  const xlsx = path.join(dir, 'customers.xlsx');
  writeXlsx(xlsx, xlsxRows);
  measure('XLSX (SheetJS), 10 columns', xlsx, 'customers.xlsx');
  const vcf = path.join(dir, 'contacts.vcf');
  writeVcf(vcf, vcfCards);
  measure('vCard 3.0', vcf, 'contacts.vcf');
} finally {
  clearInterval(sampler);
  fs.rmSync(dir, { recursive: true, force: true });
}
