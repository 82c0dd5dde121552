// Pure: the printable statement as one self-contained HTML document (for htmlToPdf).
import type { Locale } from '../../i18n/messages.ts';
import type { StatementCurrency } from './statement.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function statementHtml(
  s: { customerName: string; from: string; to: string; currencies: StatementCurrency[] },
  locale: Locale,
  l: Record<string, string> & { opening: string; closing: string },
): string {
  const title = locale === 'zh-CN' ? '对账单' : 'Statement of account';
  const sections = s.currencies
    .map(
      (c) => `<h2>${esc(c.currency)}</h2>
<table><thead><tr><th>${l.date}</th><th>${l.kind}</th><th>${l.reference}</th><th class="n">${l.debit}</th><th class="n">${l.credit}</th><th class="n">${l.balance}</th></tr></thead>
<tbody><tr class="b"><td>${s.from}</td><td colspan="4">${l.opening}</td><td class="n">${c.opening}</td></tr>
${c.lines
  .map(
    (x) =>
      `<tr><td>${x.date}</td><td>${l[x.kind]}</td><td>${esc(x.reference ?? '')}</td><td class="n">${x.debit === '0.00' ? '' : x.debit}</td><td class="n">${x.credit === '0.00' ? '' : x.credit}</td><td class="n">${x.balance}</td></tr>`,
  )
  .join('\n')}
<tr class="b"><td>${s.to}</td><td colspan="2">${l.closing}</td><td class="n">${c.debits}</td><td class="n">${c.credits}</td><td class="n">${c.closing}</td></tr></tbody></table>`,
    )
    .join('\n');
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;font-size:11px;color:#222}
h1{font-size:18px;margin:0 0 4px}table{width:100%;border-collapse:collapse;margin-bottom:16px}
th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left}.n{text-align:right;font-variant-numeric:tabular-nums}
tr.b td{font-weight:bold;background:#f5f5f5}</style></head><body>
<h1>${title}</h1><p>${esc(s.customerName)} · ${s.from} – ${s.to}</p>
${sections || `<p>—</p>`}
</body></html>`;
}
