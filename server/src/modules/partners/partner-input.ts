// Pure: checks and normalises a partner write; every problem names its field (contacts[1].email).
import type { FieldError } from '../../lib/errors.ts';
import { normaliseEmail, parsePhone } from '../customers/index.ts';

export interface PartnerContact {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
}

export const RATING_FIELDS = ['priceLevel', 'deliverySpeed', 'serviceLevel', 'qualityRating'] as const;

export interface PartnerWrite {
  name?: string;
  mainProducts?: string | null;
  priceLevel?: number | null;
  deliverySpeed?: number | null;
  serviceLevel?: number | null;
  qualityRating?: number | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  address?: string | null;
  contacts?: PartnerContact[];
  tags?: string[];
  notes?: string | null;
}

const clean = (s: string | null | undefined) => (s === undefined ? undefined : s?.trim() || null);

/** A phone as written, kept when it parses (E.164 stored), else a field error. */
function phoneOf(field: string, raw: string | null | undefined, errors: FieldError[]) {
  const s = clean(raw);
  if (!s) return s;
  const p = parsePhone(s);
  if (!p) {
    errors.push({ field, code: 'phone' });
    return undefined;
  }
  return p.e164;
}

function emailOf(field: string, raw: string | null | undefined, errors: FieldError[]) {
  const s = clean(raw);
  if (!s) return s;
  const e = normaliseEmail(s);
  if (!e) {
    errors.push({ field, code: 'email' });
    return undefined;
  }
  return e;
}

export function normalisePartner(input: PartnerWrite): {
  set: Record<string, unknown>;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const set: Record<string, unknown> = {};
  if (input.name !== undefined) {
    set.name = input.name.trim();
    if (!set.name) errors.push({ field: 'name', code: 'required' });
  }
  for (const k of ['mainProducts', 'website', 'address', 'notes'] as const)
    if (input[k] !== undefined) set[k] = clean(input[k]);
  for (const k of RATING_FIELDS) {
    const v = input[k];
    if (v === undefined) continue;
    if (v !== null && (!Number.isInteger(v) || v < 1 || v > 5)) errors.push({ field: k, code: 'rating' });
    else set[k] = v;
  }
  if (input.phone !== undefined) set.phone = phoneOf('phone', input.phone, errors);
  if (input.email !== undefined) set.email = emailOf('email', input.email, errors);
  if (input.contacts !== undefined)
    set.contacts = input.contacts.map((c, i) => {
      const name = c.name.trim();
      if (!name) errors.push({ field: `contacts[${i}].name`, code: 'required' });
      return {
        name,
        title: clean(c.title) ?? null,
        phone: phoneOf(`contacts[${i}].phone`, c.phone, errors) ?? null,
        email: emailOf(`contacts[${i}].email`, c.email, errors) ?? null,
        wechat: clean(c.wechat) ?? null,
      };
    });
  if (input.tags !== undefined) set.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  // undefined values (a refused phone or email) are not written.
  for (const [k, v] of Object.entries(set)) if (v === undefined) delete set[k];
  return { set, errors };
}
