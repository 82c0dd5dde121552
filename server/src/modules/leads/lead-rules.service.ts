import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { can, type Action } from '../access/index.ts';
import { auditChange, audit } from '../audit/index.ts';
import { divisionByCode } from '../customers/index.ts';
import { activeDictionaryItems } from '../customization/index.ts';
import { KIND_REQUIRES } from './lead-assignment.ts';
import { activeLeadOwners, userNames } from './lead-assignment.repository.ts';
import * as repo from './lead-rules.repository.ts';
import { leadRules, type LeadRuleKind, type LeadRuleMatch } from './leads.table.ts';
import type { LeadRuleCreate, LeadRulePatch, LeadRuleReorder } from './lead-rules.schema.ts';

const ENTITY = 'leadAssignment';
// Audited under the catalog entity, so only readers of lead assignment see the entries in the log.
const AUDIT_ENTITY = ENTITY;

export function requireLeadAssignment(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

const MATCH_KEYS = ['countries', 'provinces', 'productLines', 'languages', 'channels', 'campaigns'] as const;

let regionNames: Intl.DisplayNames | undefined;
/** A real ISO 3166-1 alpha-2 region (Intl knows its name). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
  try {
    const name = regionNames.of(code);
    return !!name && name !== code && name !== 'Unknown Region';
  } catch {
    return false;
  }
}

/** Trimmed, de-duplicated lists; codes upper-case, languages lower-case; empty lists dropped. */
export function cleanMatch(match: LeadRuleMatch | undefined): LeadRuleMatch {
  const out: LeadRuleMatch = {};
  for (const key of MATCH_KEYS) {
    const raw = match?.[key] ?? [];
    const values = raw
      .map((v) => v.trim())
      .map((v) => (key === 'countries' ? v.toUpperCase() : key === 'languages' ? v.toLowerCase() : v))
      .filter(Boolean);
    const unique = [...new Set(values)];
    if (unique.length) out[key] = unique;
  }
  return out;
}

interface RuleDraft {
  kind: LeadRuleKind;
  match: LeadRuleMatch;
  assigneeIds: string[];
  teamId: string | null;
}

/** Every problem of a rule as a field error: the kind's match, dictionaries, the people, the team. */
async function validateRule(tx: Db, ctx: Ctx, r: RuleDraft): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const required = KIND_REQUIRES[r.kind];
  if (required.length && !required.some((k) => r.match[k]?.length))
    errors.push({ field: `match.${required[0]}`, code: 'required' });
  r.match.countries?.forEach((c, i) => {
    if (!isCountryCode(c)) errors.push({ field: `match.countries[${i}]`, code: 'country' });
  });
  r.match.provinces?.forEach((p, i) => {
    if (divisionByCode(p)?.level !== 'province')
      errors.push({ field: `match.provinces[${i}]`, code: 'divisionNotFound' });
  });
  if (r.match.productLines?.length || r.match.channels?.length) {
    const items = await activeDictionaryItems(tx, ctx.actor.orgId, ctx.now);
    const keys = (d: string) => new Set(items.filter((x) => x.dictionary === d).map((x) => x.key));
    const lines = keys('productLine');
    const channels = keys('leadChannel');
    r.match.productLines?.forEach((p, i) => {
      if (!lines.has(p)) errors.push({ field: `match.productLines[${i}]`, code: 'notInDictionary' });
    });
    r.match.channels?.forEach((c, i) => {
      if (!channels.has(c)) errors.push({ field: `match.channels[${i}]`, code: 'notInDictionary' });
    });
  }
  if (r.teamId && r.assigneeIds.length) errors.push({ field: 'teamId', code: 'assigneesOrTeam' });
  else if (!r.teamId && !r.assigneeIds.length) errors.push({ field: 'assigneeIds', code: 'required' });
  if (r.assigneeIds.length) {
    const active = new Set((await activeLeadOwners(tx, ctx.actor.orgId)).map((u) => u.id));
    r.assigneeIds.forEach((id, i) => {
      if (!active.has(id)) errors.push({ field: `assigneeIds[${i}]`, code: 'notActiveUser' });
    });
  }
  if (r.teamId && !(await repo.liveTeamExists(tx, ctx.actor.orgId, r.teamId)))
    errors.push({ field: 'teamId', code: 'notFound' });
  return errors;
}

/** The rule as the API shows it, with its assignees' and team's names. */
async function present(tx: Db, orgId: string, rows: repo.LeadRuleRow[]) {
  const names = await userNames(tx, orgId, [...new Set(rows.flatMap((r) => r.assigneeIds))]);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    name: r.name,
    position: r.position,
    kind: r.kind,
    match: r.match ?? {},
    assigneeIds: r.assigneeIds,
    assigneeNames: r.assigneeIds.map((id) => names.get(id) ?? ''),
    teamId: r.teamId,
    teamName: r.teamName,
    rrCounter: Number(r.rrCounter),
    active: r.active,
  }));
}

const snapshot = (r: {
  name: string;
  kind: string;
  match: unknown;
  assigneeIds: string[];
  teamId: string | null;
  active: boolean;
  position: number;
}) => ({
  name: r.name,
  kind: r.kind,
  match: r.match,
  assigneeIds: r.assigneeIds,
  teamId: r.teamId,
  active: r.active,
  position: r.position,
});

async function one(tx: Db, ctx: Ctx, id: string) {
  const row = await repo.findRule(tx, ctx.actor.orgId, id);
  if (!row) throw notFound('leadRule');
  return row;
}

export async function listLeadRules(ctx: Ctx) {
  requireLeadAssignment(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => ({
    items: await present(tx, ctx.actor.orgId, await repo.listRules(tx, ctx.actor.orgId)),
  }));
}

export async function createLeadRule(ctx: Ctx, input: LeadRuleCreate) {
  requireLeadAssignment(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const draft: RuleDraft = {
      kind: input.kind,
      match: cleanMatch(input.match),
      assigneeIds: [...new Set(input.assigneeIds ?? [])],
      teamId: input.teamId ?? null,
    };
    const errors = await validateRule(tx, ctx, draft);
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const order = await repo.lockRuleOrder(tx, ctx.actor.orgId);
    const id = newId();
    await repo.insertRule(tx, {
      orgId: ctx.actor.orgId,
      id,
      name: input.name.trim(),
      position: order.length + 1,
      ...draft,
      active: input.active ?? true,
      createdAt: ctx.now,
      createdBy: ctx.actor.userId,
      updatedAt: ctx.now,
      updatedBy: ctx.actor.userId,
    });
    const row = await one(tx, ctx, id);
    await auditChange(tx, ctx, AUDIT_ENTITY, id, 'create', null, snapshot(row));
    return (await present(tx, ctx.actor.orgId, [row]))[0]!;
  });
}

export async function updateLeadRule(ctx: Ctx, id: string, patch: LeadRulePatch) {
  requireLeadAssignment(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await one(tx, ctx, id);
    // Naming a team drops the user list and the other way round, unless both are given.
    const teamId =
      patch.teamId !== undefined ? patch.teamId : patch.assigneeIds?.length ? null : before.teamId;
    const assigneeIds =
      patch.assigneeIds !== undefined
        ? [...new Set(patch.assigneeIds)]
        : patch.teamId
          ? []
          : before.assigneeIds;
    const draft: RuleDraft = {
      kind: patch.kind ?? before.kind,
      match: patch.match !== undefined ? cleanMatch(patch.match) : (before.match ?? {}),
      assigneeIds,
      teamId,
    };
    const errors = await validateRule(tx, ctx, draft);
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    await updateVersioned(
      tx,
      leadRules,
      { orgId: ctx.actor.orgId, id, version: patch.version },
      {
        ...draft,
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      },
      { userId: ctx.actor.userId, now: ctx.now },
      'leadRule',
    );
    const after = await one(tx, ctx, id);
    await auditChange(tx, ctx, AUDIT_ENTITY, id, 'update', snapshot(before), snapshot(after));
    return (await present(tx, ctx.actor.orgId, [after]))[0]!;
  });
}

export async function deleteLeadRule(ctx: Ctx, id: string) {
  requireLeadAssignment(ctx, 'update');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const order = await repo.lockRuleOrder(tx, ctx.actor.orgId);
    const before = await one(tx, ctx, id);
    await softDelete(tx, leadRules, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await repo.setPositions(
      tx,
      ctx.actor.orgId,
      order.filter((x) => x !== id),
    );
    await auditChange(tx, ctx, AUDIT_ENTITY, id, 'delete', snapshot(before), null);
  });
}

/** The new order of all live rules: `ids` must name each of them exactly once. */
export async function reorderLeadRules(ctx: Ctx, body: LeadRuleReorder) {
  requireLeadAssignment(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const current = await repo.lockRuleOrder(tx, ctx.actor.orgId);
    const given = new Set(body.ids);
    if (
      given.size !== body.ids.length ||
      given.size !== current.length ||
      current.some((id) => !given.has(id))
    )
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'ids', code: 'allRulesOnce' }]);
    await repo.setPositions(tx, ctx.actor.orgId, body.ids);
    await audit(tx, ctx, AUDIT_ENTITY, null, 'reorder', [{ field: 'ids', old: current, new: body.ids }]);
    return { items: await present(tx, ctx.actor.orgId, await repo.listRules(tx, ctx.actor.orgId)) };
  });
}
