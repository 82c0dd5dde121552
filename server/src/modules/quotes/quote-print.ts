// Pure: a quote as a self-contained printable HTML page (letterhead, customer, lines, totals) in
// Chinese or English. Every value is escaped; the only image allowed is a data: URL logo.

export type PrintLang = 'zh-CN' | 'en';

export interface Letterhead {
  name: string;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  /** A data:image/...;base64 URL; anything else is ignored (the page makes no requests). */
  logo?: string | null;
}

export interface PrintableQuote {
  number: string;
  status: string;
  createdAt: Date | string;
  validUntil: string | null;
  currency: string;
  customerName: string | null;
  customerAddress?: string | null;
  contactName: string | null;
  ownerName: string | null;
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  terms: string | null;
  notes: string | null;
  lines: {
    position: number;
    sku: string | null;
    name: string;
    unit: string | null;
    quantity: string;
    unitPrice: string;
    discountPct: string;
    taxRate: string;
    lineTotal: string;
  }[];
}

const WORDS = {
  'zh-CN': {
    title: '报价单',
    number: '报价单号',
    date: '报价日期',
    validUntil: '有效期至',
    customer: '客户',
    contact: '联系人',
    salesRep: '业务员',
    currency: '币种',
    no: '序号',
    sku: '编码',
    item: '品名',
    unit: '单位',
    qty: '数量',
    price: '单价',
    discount: '折扣',
    tax: '税率',
    amount: '金额（未税）',
    subtotal: '合计（折前）',
    discountTotal: '折扣',
    taxTotal: '税额',
    total: '总计（含税）',
    terms: '条款',
    notes: '备注',
    phone: '电话',
    signature: '客户确认（签字盖章）',
  },
  en: {
    title: 'Quotation',
    number: 'Quote no.',
    date: 'Date',
    validUntil: 'Valid until',
    customer: 'Customer',
    contact: 'Attn.',
    salesRep: 'Sales rep',
    currency: 'Currency',
    no: 'No.',
    sku: 'SKU',
    item: 'Item',
    unit: 'Unit',
    qty: 'Qty',
    price: 'Unit price',
    discount: 'Disc.',
    tax: 'VAT',
    amount: 'Amount (net)',
    subtotal: 'Subtotal (list)',
    discountTotal: 'Discount',
    taxTotal: 'VAT',
    total: 'Total (incl. VAT)',
    terms: 'Terms',
    notes: 'Notes',
    phone: 'Tel.',
    signature: 'Accepted by the customer (signature and stamp)',
  },
} as const;

export function escapeHtml(s: string | null | undefined): string {
  return (s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** "1234567.5" → "1,234,567.50" (string grouping, never through a float). */
export function groupDigits(amount: string): string {
  const [int = '0', frac] = amount.split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

const trimQty = (q: string) => (q.includes('.') ? q.replace(/\.?0+$/, '') : q);
const pct = (p: string) => `${trimQty(p)}%`;
const ymd = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
const SAFE_LOGO = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/;

export function renderQuoteHtml(q: PrintableQuote, head: Letterhead, lang: PrintLang): string {
  const w = WORDS[lang];
  const e = escapeHtml;
  const money = (a: string) => e(groupDigits(a));
  const logo = head.logo && SAFE_LOGO.test(head.logo) ? `<img class="logo" src="${head.logo}" alt="">` : '';
  const contactLine = [head.address, head.phone ? `${w.phone} ${head.phone}` : null, head.email, head.website]
    .filter(Boolean)
    .map((x) => e(x))
    .join(' · ');
  const rows = q.lines
    .map(
      (l) => `<tr>
<td class="c">${l.position}</td><td>${e(l.sku)}</td><td>${e(l.name)}</td><td class="c">${e(l.unit)}</td>
<td class="r">${e(trimQty(l.quantity))}</td><td class="r">${money(l.unitPrice)}</td>
<td class="r">${e(pct(l.discountPct))}</td><td class="r">${e(pct(l.taxRate))}</td><td class="r">${money(l.lineTotal)}</td>
</tr>`,
    )
    .join('\n');
  const block = (label: string, text: string | null) =>
    text ? `<section><h3>${e(label)}</h3><p class="pre">${e(text)}</p></section>` : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${e(w.title)} ${e(q.number)}</title>
<style>
  @page { size: A4; }
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
         font-size: 12px; color: #222; margin: 0; }
  .head { display: flex; align-items: center; gap: 16px; border-bottom: 2px solid #1f4e8c; padding-bottom: 8px; }
  .logo { max-height: 56px; max-width: 160px; }
  .org { font-size: 20px; font-weight: 700; color: #1f4e8c; }
  .org-contact { color: #555; margin-top: 2px; }
  h1 { text-align: center; font-size: 22px; letter-spacing: 4px; margin: 16px 0 8px; }
  .meta { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 24px; margin-bottom: 12px; }
  .meta b { display: inline-block; min-width: 72px; color: #555; font-weight: 400; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid #bbb; padding: 4px 6px; vertical-align: top; }
  th { background: #eef3fa; font-weight: 600; }
  .c { text-align: center; } .r { text-align: right; white-space: nowrap; }
  .totals { margin-top: 8px; margin-left: auto; width: 45%; }
  .totals td { border: none; padding: 2px 6px; }
  .totals tr.grand td { border-top: 1px solid #222; font-weight: 700; font-size: 14px; }
  h3 { font-size: 13px; margin: 14px 0 4px; }
  .pre { white-space: pre-wrap; margin: 0; }
  .sign { margin-top: 40px; text-align: right; color: #555; }
</style>
</head>
<body>
<header class="head">${logo}<div><div class="org">${e(head.name)}</div>${
    contactLine ? `<div class="org-contact">${contactLine}</div>` : ''
  }</div></header>
<h1>${e(w.title)}</h1>
<div class="meta">
  <div><b>${e(w.customer)}</b> ${e(q.customerName)}</div>
  <div><b>${e(w.number)}</b> ${e(q.number)}</div>
  <div><b>${e(w.contact)}</b> ${e(q.contactName)}</div>
  <div><b>${e(w.date)}</b> ${e(ymd(q.createdAt))}</div>
  <div><b>${e(w.salesRep)}</b> ${e(q.ownerName)}</div>
  <div><b>${e(w.validUntil)}</b> ${e(q.validUntil)}</div>
  ${q.customerAddress ? `<div>${e(q.customerAddress)}</div>` : '<div></div>'}
  <div><b>${e(w.currency)}</b> ${e(q.currency)}</div>
</div>
<table>
<thead><tr><th>${e(w.no)}</th><th>${e(w.sku)}</th><th>${e(w.item)}</th><th>${e(w.unit)}</th><th>${e(w.qty)}</th>
<th>${e(w.price)}</th><th>${e(w.discount)}</th><th>${e(w.tax)}</th><th>${e(w.amount)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<table class="totals">
<tr><td>${e(w.subtotal)}</td><td class="r">${e(q.currency)} ${money(q.subtotal)}</td></tr>
<tr><td>${e(w.discountTotal)}</td><td class="r">-${money(q.discountTotal)}</td></tr>
<tr><td>${e(w.taxTotal)}</td><td class="r">${money(q.taxTotal)}</td></tr>
<tr class="grand"><td>${e(w.total)}</td><td class="r">${e(q.currency)} ${money(q.total)}</td></tr>
</table>
${block(w.terms, q.terms)}
${block(w.notes, q.notes)}
<div class="sign">${e(w.signature)}${lang === 'en' ? ': ' : '：'}____________________</div>
</body>
</html>`;
}
