import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError } from '../../lib/errors.ts';
import { fieldLabel } from '../../i18n/messages.ts';
import { findByKeys, lockKeys, type DuplicateRow } from './customer-keys.repository.ts';
import { dedupeKeys, type DedupeInput, type DedupeKey, type DedupeKind } from './dedupe.ts';
import { canManageOwnership, maskedFields, requireCustomers } from './customers.service.ts';
import { phoneRegion } from './customer-input.ts';
import type { DuplicateOut, DuplicateQuery } from './customers.schema.ts';

const KIND_ORDER: DedupeKind[] = ['creditCode', 'name', 'phone', 'email'];

/** One entry per existing customer, strongest match first (credit code, then the most keys). */
export function groupDuplicates(rows: DuplicateRow[]): DuplicateOut[] {
  const byId = new Map<string, DuplicateOut>();
  for (const r of rows) {
    const d = byId.get(r.customerId) ?? {
      existingId: r.customerId,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      matchedOn: [],
    };
    if (!d.matchedOn.includes(r.kind)) d.matchedOn.push(r.kind);
    byId.set(r.customerId, d);
  }
  const rank = (d: DuplicateOut) => (d.matchedOn.includes('creditCode') ? 100 : 0) + d.matchedOn.length;
  return [...byId.values()]
    .map((d) => ({ ...d, matchedOn: KIND_ORDER.filter((k) => d.matchedOn.includes(k)) }))
    .sort((a, b) => rank(b) - rank(a));
}

export function keysOf(input: DedupeInput & { country?: string | null }): DedupeKey[] {
  return dedupeKeys(input, phoneRegion(input.country ?? null));
}

/**
 * Refuses a probable duplicate with 409 DUPLICATE_CUSTOMER naming the existing customer's
 * owner — even when that customer is outside the caller's data scope: telling the rep who
 * owns it is the point ("one customer, one owner"). Only the id, the owner and the matched
 * key kinds are revealed. Managers and administrators may save one on purpose.
 */
export async function refuseDuplicates(
  tx: Db,
  ctx: Ctx,
  keys: DedupeKey[],
  excludeId: string | undefined,
  allowDuplicate?: boolean,
) {
  if (!keys.length) return;
  await lockKeys(tx, ctx.actor.orgId, keys);
  const found = groupDuplicates(await findByKeys(tx, ctx.actor.orgId, keys, excludeId));
  if (!found.length || (allowDuplicate && canManageOwnership(ctx.actor))) return;
  const first = found[0]!;
  const separator = ctx.locale === 'zh-CN' ? '、' : ', ';
  throw new AppError(
    'DUPLICATE_CUSTOMER',
    {
      matchedOn: first.matchedOn.map((k) => fieldLabel(ctx.locale, `match_${k}`)).join(separator),
      ownerName: first.ownerName ?? fieldLabel(ctx.locale, 'publicPool'),
    },
    first,
  );
}

/** "Warning as you type": who already has a customer with these keys. */
export async function checkDuplicates(ctx: Ctx, query: DuplicateQuery): Promise<{ items: DuplicateOut[] }> {
  requireCustomers(ctx, 'read');
  // A masked field is no probe either: a phone the caller sees masked finds nothing here.
  const masked = maskedFields(ctx.actor);
  const keys = keysOf({
    kind: query.kind ?? 'company',
    name: query.name,
    creditCode: query.creditCode,
    phones: masked.phones ? [] : query.phones,
    emails: masked.emails ? [] : query.emails,
  });
  if (!keys.length) return { items: [] };
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => ({
    items: groupDuplicates(await findByKeys(tx, ctx.actor.orgId, keys, query.excludeId)).slice(0, 20),
  }));
}
