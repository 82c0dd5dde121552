import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { can, recordScope, type Action, type Actor } from '../access/index.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import { maskedFields, searchDocs, searchQuery } from '../customers/index.ts';
import { checkDictionaryValues, type DictionaryName } from '../customization/index.ts';
import * as repo from './leads.repository.ts';
import { leads, type AssignmentReason } from './leads.table.ts';
import { applyLeadInput, applyStatus, EMPTY_LEAD, SEARCHED, type LeadFields } from './lead-input.ts';
import { ENTITY, leadFieldsOf, leadSnapshot, presentLead } from './lead-present.ts';
import { assignLeads } from './lead-assignment.service.ts';
import {
  LEAD_SORTS,
  type LeadCreate,
  type LeadListQuery,
  type LeadPatch,
  type QualifyBody,
} from './leads.schema.ts';

export { ENTITY };

export function requireLeads(ctx: Pick<Ctx, 'actor'>, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

/** Reads after a write see the lead whatever the caller's data scope (it may have been assigned away). */
const orgWide = (actor: Actor): Actor => ({ ...actor, dataScope: 'org' });

export const leadDocs = (f: Pick<LeadFields, 'name' | 'company' | 'phones' | 'emails'>) =>
  searchDocs({ name: f.name, shortName: f.company, phones: f.phones, emails: f.emails });

/**
 * Dictionary values that changed must be active entries: channel (leadChannel), each product
 * interest (productLine), the disqualify reason (leadDisqualifyReason).
 */
export async function checkLeadDictionaries(
  tx: Db,
  orgId: string,
  now: Date,
  after: { channel?: string; productInterest?: string[]; disqualifyReason?: string | null },
  before?: { channel: string; productInterest: string[]; disqualifyReason: string | null },
): Promise<FieldError[]> {
  const fields: Record<string, DictionaryName> = {};
  const values: Record<string, string | null> = {};
  if (after.channel !== undefined && after.channel !== before?.channel) {
    fields.channel = 'leadChannel';
    values.channel = after.channel;
  }
  (after.productInterest ?? []).forEach((p, i) => {
    if (before?.productInterest.includes(p)) return;
    fields[`productInterest[${i}]`] = 'productLine';
    values[`productInterest[${i}]`] = p;
  });
  if (after.disqualifyReason && after.disqualifyReason !== before?.disqualifyReason) {
    fields.disqualifyReason = 'leadDisqualifyReason';
    values.disqualifyReason = after.disqualifyReason;
  }
  return checkDictionaryValues(tx, orgId, now, fields, values);
}

export interface NewLead {
  fields: LeadFields;
  ownerId?: string | null;
  teamId?: string | null;
  departmentId?: string | null;
  assignmentReason?: AssignmentReason | null;
  formId?: string | null;
  externalSource?: string | null;
  externalId?: string | null;
}

/**
 * Inserts new leads in the caller's transaction and hands them to the assignment rules
 * (assignLeads only assigns those without an owner; it sets every deadline and duplicate flag).
 */
export async function insertNewLeads(
  tx: Db,
  orgId: string,
  who: { userId: string | null; now: Date },
  items: NewLead[],
): Promise<string[]> {
  const rows = items.map((n) => ({
    row: {
      id: newId(),
      orgId,
      ...n.fields,
      ownerId: n.ownerId ?? null,
      teamId: n.teamId ?? null,
      departmentId: n.departmentId ?? null,
      assignedAt: n.ownerId ? who.now : null,
      assignmentReason: n.ownerId ? (n.assignmentReason ?? 'manual') : null,
      formId: n.formId ?? null,
      externalSource: n.externalSource ?? null,
      externalId: n.externalId ?? null,
      createdBy: who.userId,
      updatedBy: who.userId,
      createdAt: who.now,
      updatedAt: who.now,
    },
    docs: leadDocs(n.fields),
  }));
  const ids = await repo.insertLeads(tx, rows);
  await assignLeads(tx, orgId, ids, who.now);
  return ids;
}

async function visibleLead(tx: Db, ctx: Ctx, id: string, opts: { deleted?: boolean } = {}) {
  const row = await repo.findLead(tx, ctx.actor, id, opts);
  if (!row) throw notFound('lead');
  return row;
}

/** Whether the actor may hand leads to others (managers, assigners); a rep only to themself. */
export function canAssignOthers(actor: Actor): boolean {
  return can(actor, 'leadAssignment', 'update') || recordScope(actor).kind !== 'own';
}

export function filterOf(ctx: Ctx, query: LeadListQuery): repo.LeadFilter {
  const { limit: _l, cursor: _c, sort: _s, q, ...rest } = query;
  return { ...rest, search: searchQuery(q, maskedFields(ctx.actor, ENTITY)), now: ctx.now };
}

export function sortOf(query: LeadListQuery) {
  return parseSort(query.sort, LEAD_SORTS, { field: 'createdAt', desc: true });
}

export async function listLeads(ctx: Ctx, query: LeadListQuery) {
  requireLeads(ctx, 'read');
  const limit = query.limit ?? 50;
  const sort = sortOf(query);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listLeads(tx, ctx.actor, filterOf(ctx, query), {
      sort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = pageBySort(rows, limit, sort.field);
    return {
      items: page.items.map((r) => presentLead(ctx.actor, r, ctx.now, query.q)),
      total,
      nextCursor: page.nextCursor,
    };
  });
}

export async function getLead(ctx: Ctx, id: string) {
  requireLeads(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) =>
    presentLead(ctx.actor, await visibleLead(tx, ctx, id), ctx.now),
  );
}

export async function createLead(ctx: Ctx, input: LeadCreate) {
  requireLeads(ctx, 'create');
  const { ownerId, ...profile } = input;
  const { fields, errors } = applyLeadInput(EMPTY_LEAD, profile);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    errors.push(...(await checkLeadDictionaries(tx, ctx.actor.orgId, ctx.now, fields)));
    let owner: { id: string; teamId: string | null; departmentId: string | null } | undefined;
    let reason: AssignmentReason | null = null;
    if (ownerId && ownerId !== ctx.actor.userId && !canAssignOthers(ctx.actor))
      throw forbidden('leadAssignment', 'update');
    if (ownerId) {
      owner = await repo.findUser(tx, ctx.actor.orgId, ownerId);
      if (!owner) errors.push({ field: 'ownerId', code: 'notFound' });
      reason = 'manual';
    } else if (recordScope(ctx.actor).kind === 'own') {
      // A rep's own lead: they keep it (otherwise they could not see what they just typed).
      owner = { id: ctx.actor.userId, teamId: ctx.actor.teamId, departmentId: ctx.actor.departmentId };
      reason = 'creator';
    }
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const [id] = await insertNewLeads(tx, ctx.actor.orgId, { userId: ctx.actor.userId, now: ctx.now }, [
      {
        fields,
        ownerId: owner?.id ?? null,
        teamId: owner?.teamId ?? null,
        departmentId: owner?.departmentId ?? null,
        assignmentReason: reason,
      },
    ]);
    const row = (await repo.findLead(tx, orgWide(ctx.actor), id!))!;
    await auditChange(tx, ctx, ENTITY, id!, 'create', null, leadSnapshot(row));
    return presentLead(ctx.actor, row, ctx.now);
  });
}

export async function updateLead(ctx: Ctx, id: string, patch: LeadPatch) {
  requireLeads(ctx, 'update');
  const { version, status, disqualifyReason, ...profile } = patch;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleLead(tx, ctx, id);
    const { fields, errors } = applyLeadInput(leadFieldsOf(before), profile);
    const st = applyStatus(before, status, disqualifyReason, ctx.now);
    errors.push(...st.errors);
    errors.push(
      ...(await checkLeadDictionaries(
        tx,
        ctx.actor.orgId,
        ctx.now,
        {
          ...(profile.channel !== undefined ? { channel: fields.channel } : {}),
          ...(profile.productInterest !== undefined ? { productInterest: fields.productInterest } : {}),
          disqualifyReason: st.state.disqualifyReason,
        },
        before,
      )),
    );
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    await updateVersioned(
      tx,
      leads,
      { orgId: ctx.actor.orgId, id, version },
      { ...fields, ...st.state },
      { userId: ctx.actor.userId, now: ctx.now },
      'lead',
    );
    if (SEARCHED.some((f) => JSON.stringify(fields[f]) !== JSON.stringify(before[f])))
      await repo.updateLeadSearch(tx, ctx.actor.orgId, id, leadDocs(fields));
    const after = (await repo.findLead(tx, orgWide(ctx.actor), id))!;
    await auditChange(tx, ctx, ENTITY, id, 'update', leadSnapshot(before), leadSnapshot(after));
    return presentLead(ctx.actor, after, ctx.now);
  });
}

/** MAN answers stored; the lead becomes qualified (a converted or disqualified lead cannot). */
export async function qualifyLead(ctx: Ctx, id: string, body: QualifyBody) {
  requireLeads(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleLead(tx, ctx, id);
    if (before.status === 'converted' || before.status === 'disqualified')
      throw new AppError('VALIDATION_FAILED', {}, [
        { field: 'status', code: before.status === 'converted' ? 'alreadyConverted' : 'disqualified' },
      ]);
    await updateVersioned(
      tx,
      leads,
      { orgId: ctx.actor.orgId, id, version: body.version },
      {
        manMoney: body.money,
        manAuthority: body.authority,
        manNeed: body.need,
        status: 'qualified',
        qualifiedAt: ctx.now,
        qualifiedBy: ctx.actor.userId,
        firstContactedAt: before.firstContactedAt ?? ctx.now,
      },
      { userId: ctx.actor.userId, now: ctx.now },
      'lead',
    );
    const after = (await repo.findLead(tx, orgWide(ctx.actor), id))!;
    await auditChange(tx, ctx, ENTITY, id, 'qualify', leadSnapshot(before), leadSnapshot(after));
    return presentLead(ctx.actor, after, ctx.now);
  });
}

export async function deleteLead(ctx: Ctx, id: string) {
  requireLeads(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleLead(tx, ctx, id);
    await softDelete(tx, leads, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function restoreLead(ctx: Ctx, id: string) {
  requireLeads(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleLead(tx, ctx, id, { deleted: true });
    await restoreDeleted(tx, leads, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'restore');
    return presentLead(ctx.actor, (await repo.findLead(tx, orgWide(ctx.actor), id))!, ctx.now);
  });
}

export async function leadHistory(ctx: Ctx, id: string) {
  requireLeads(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findLead(tx, ctx.actor, id))) await visibleLead(tx, ctx, id, { deleted: true });
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
  });
}
