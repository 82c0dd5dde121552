// Pure: what a public web form accepts, how its body becomes a lead, and its embeddable snippet.
import type { FieldError } from '../../lib/errors.ts';
import type { LeadInput } from './lead-input.ts';

/** The lead fields a form may offer; phone and email are single values on a form. */
export const FORM_FIELDS = [
  'name',
  'company',
  'title',
  'phone',
  'email',
  'wechat',
  'country',
  'city',
  'address',
  'website',
  'productInterest',
  'language',
  'notes',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** The hidden field bots fill in and people never see. */
export const HONEYPOT = 'website_url';
export const PUBLIC_BODY_LIMIT = 16 * 1024;
export const MAX_VALUE_CHARS = 2000;
/** Submissions per IP and form in a window. */
export const RATE_LIMIT = { max: 10, windowMs: 60_000 };

export interface FormRules {
  fields: string[];
  requiredFields: string[];
  defaults: Record<string, unknown>;
}

export type PublicCheck =
  | { kind: 'unknown'; fields: string[] }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'honeypot' }
  | { kind: 'ok'; input: LeadInput };

/**
 * A submitted body → the lead input: only the form's fields (anything else is refused as a
 * whole), each a short text, the required ones present; the honeypot filled means a bot. The
 * form's defaults (channel, campaign, tags, language, product interest) are stamped on.
 */
export function checkSubmission(form: FormRules, body: unknown): PublicCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { kind: 'invalid', errors: [{ field: 'body', code: 'type', params: { type: 'object' } }] };
  const entries = Object.entries(body as Record<string, unknown>);
  const unknown = entries.map(([k]) => k).filter((k) => k !== HONEYPOT && !form.fields.includes(k));
  if (unknown.length) return { kind: 'unknown', fields: unknown };
  const values = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const [k, v] of entries) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'string') errors.push({ field: k, code: 'type', params: { type: 'string' } });
    else if (v.length > MAX_VALUE_CHARS)
      errors.push({ field: k, code: 'maxLength', params: { limit: MAX_VALUE_CHARS } });
    else if (v.trim()) values.set(k, v.trim());
  }
  if (values.get(HONEYPOT)) return { kind: 'honeypot' };
  for (const f of form.requiredFields) if (!values.has(f)) errors.push({ field: f, code: 'required' });
  if (errors.length) return { kind: 'invalid', errors };
  const d = form.defaults;
  const input: LeadInput = {
    channel: typeof d.channel === 'string' ? d.channel : 'websiteForm',
    campaign: typeof d.campaign === 'string' ? d.campaign : null,
    tags: Array.isArray(d.tags) ? (d.tags as string[]) : [],
    language: typeof d.language === 'string' ? d.language : null,
    productInterest: Array.isArray(d.productInterest) ? (d.productInterest as string[]) : [],
  };
  for (const [k, v] of values) {
    if (k === HONEYPOT) continue;
    if (k === 'phone') input.phones = [v];
    else if (k === 'email') input.emails = [v];
    else if (k === 'productInterest')
      input.productInterest = [...new Set([...(input.productInterest ?? []), ...v.split(/[,，;；]/)])];
    else (input as Record<string, unknown>)[k] = v;
  }
  return { kind: 'ok', input };
}

const LABELS: Record<FormField, { zh: string; en: string; type: string }> = {
  name: { zh: '姓名', en: 'Name', type: 'text' },
  company: { zh: '公司', en: 'Company', type: 'text' },
  title: { zh: '职务', en: 'Job title', type: 'text' },
  phone: { zh: '电话', en: 'Phone', type: 'tel' },
  email: { zh: '邮箱', en: 'Email', type: 'email' },
  wechat: { zh: '微信', en: 'WeChat', type: 'text' },
  country: { zh: '国家/地区（两位代码）', en: 'Country (2-letter code)', type: 'text' },
  city: { zh: '城市', en: 'City', type: 'text' },
  address: { zh: '地址', en: 'Address', type: 'text' },
  website: { zh: '网站', en: 'Website', type: 'url' },
  productInterest: { zh: '意向产品', en: 'Products of interest', type: 'text' },
  language: { zh: '语言', en: 'Language', type: 'text' },
  notes: { zh: '留言', en: 'Message', type: 'textarea' },
};

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A plain HTML form posting JSON with fetch, bilingual labels, a hidden honeypot field and a
 * thank-you message; no library, so it pastes into any page.
 */
export function formSnippet(form: FormRules & { publicKey: string; name: string }, url: string): string {
  const id = `gx-form-${form.publicKey.slice(0, 8)}`;
  const inputs = form.fields
    .filter((f): f is FormField => (FORM_FIELDS as readonly string[]).includes(f))
    .map((f) => {
      const l = LABELS[f];
      const req = form.requiredFields.includes(f) ? ' required' : '';
      const label = `${esc(l.en)} / ${esc(l.zh)}`;
      const control =
        l.type === 'textarea'
          ? `<textarea name="${f}" maxlength="${MAX_VALUE_CHARS}"${req}></textarea>`
          : `<input type="${l.type}" name="${f}" maxlength="${MAX_VALUE_CHARS}"${req}>`;
      return `  <p><label>${label}<br>${control}</label></p>`;
    });
  return `<form id="${id}" data-name="${esc(form.name)}">
${inputs.join('\n')}
  <p style="position:absolute;left:-10000px" aria-hidden="true"><input type="text" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></p>
  <p><button type="submit">Send / 提交</button></p>
  <p class="gx-form-status" role="status"></p>
</form>
<script>
(function () {
  var form = document.getElementById(${JSON.stringify(id)});
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var data = {};
    new FormData(form).forEach(function (v, k) { if (v) data[k] = String(v); });
    var status = form.querySelector('.gx-form-status');
    fetch(${JSON.stringify(url)}, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(data)
    }).then(function (r) {
      status.textContent = r.ok ? 'Thank you! / 感谢您的留言！' : 'Sorry, please try again. / 提交失败，请稍后再试。';
      if (r.ok) form.reset();
    }).catch(function () { status.textContent = 'Sorry, please try again. / 提交失败，请稍后再试。'; });
  });
})();
</script>`;
}
