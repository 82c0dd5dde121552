import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { can } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { DEFAULT_CONTACT_TARGETS, type ContactTargets } from '../customers/index.ts';
import { findOrg, lockOrgSettings, setOrgSetting } from '../orgs/index.ts';
import * as repo from './contact-frequency.repository.ts';
import type { ContactTargetsBody, OverdueQuery } from './contact-frequency.schema.ts';

const SETTING = 'contactTargets';

export function contactTargetsOf(raw: unknown): ContactTargets {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return DEFAULT_CONTACT_TARGETS;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'number' && v > 0) out[k] = v;
  return out;
}

function requireRead(ctx: Ctx) {
  if (!can(ctx.actor, 'customers', 'read')) throw forbidden('customers', 'read');
}

export async function getContactTargets(ctx: Ctx): Promise<ContactTargetsBody> {
  requireRead(ctx);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => ({
    targets: { ...contactTargetsOf((await findOrg(tx, ctx.actor.orgId))?.settings[SETTING]) },
  }));
}

/** Managers and administrators: the people who set the public pool's rules. */
export async function putContactTargets(ctx: Ctx, body: ContactTargetsBody): Promise<ContactTargetsBody> {
  if (!can(ctx.actor, 'customerPool', 'update')) throw forbidden('customerPool', 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = contactTargetsOf((await lockOrgSettings(tx, ctx.actor.orgId))?.[SETTING]);
    await setOrgSetting(tx, ctx.actor.orgId, SETTING, body.targets);
    await audit(tx, ctx, 'orgs', ctx.actor.orgId, 'update', [
      { field: 'settings.contactTargets', old: before, new: body.targets },
    ]);
    return { targets: body.targets };
  });
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0)
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'cursor', code: 'invalid' }]);
  return n;
}

/** Customers below their contact target within the caller's data scope, with counts per rep and team. */
export async function listBelowTarget(ctx: Ctx, query: OverdueQuery) {
  requireRead(ctx);
  const limit = query.limit ?? 50;
  const offset = decodeOffset(query.cursor);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const org = await findOrg(tx, ctx.actor.orgId);
    const r = await repo.listOverdue(
      tx,
      ctx.actor,
      contactTargetsOf(org?.settings[SETTING]),
      { ownerId: query.ownerId, teamId: query.teamId, grade: query.grade },
      { now: ctx.now, timeZone: org?.timeZone ?? 'Asia/Shanghai' },
      { offset, limit },
    );
    const more = r.rows.length > limit;
    return {
      items: r.rows.slice(0, limit),
      total: r.total,
      nextCursor: more ? Buffer.from(String(offset + limit)).toString('base64url') : null,
      summary: { byOwner: r.byOwner, byTeam: r.byTeam },
    };
  });
}
