import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { translateError } from '../../i18n/messages.ts';
import { can } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { dedupeKeys } from '../customers/index.ts';
import { notify, type NewNotification } from '../notifications/index.ts';
import { planAssignment, type EngineLead, type EngineRule } from './lead-assignment.ts';
import * as repo from './lead-assignment.repository.ts';
import { leadSettings } from './lead-settings.repository.ts';

/** Leads per statement: big enough to amortise the round trips, small enough for the parameters. */
export const ASSIGN_CHUNK = 5000;
const HOUR = 3_600_000;
const KIND_ORDER = ['creditCode', 'name', 'phone', 'email'];

export const LEAD_ASSIGNMENT = 'leadAssignment';
export const leadsLink = (ownerId: string) => `/leads?ownerId=${ownerId}`;

export interface AssignResult {
  /** Leads that got an owner in this call. */
  assigned: number;
  /** Ownerless leads nobody could take (no rule, no customer owner, no fallback owner). */
  unassigned: string[];
}

interface Match {
  customerId: string;
  ownerId: string | null;
  matchedOn: string[];
}

/** The archive's duplicate keys of a lead: its company name, phones (read in its country) and emails. */
function leadKeys(l: repo.LeadToAssign) {
  return dedupeKeys(
    { kind: 'company', name: l.company, phones: l.phones, emails: l.emails },
    l.country ?? 'CN',
  );
}

/** Each lead's strongest existing customer: the one sharing the most keys (a credit code would outrank). */
async function findMatches(tx: Db, orgId: string, chunk: repo.LeadToAssign[]): Promise<Map<string, Match>> {
  const keysOf = new Map<string, { kind: string; value: string }[]>();
  const probe = new Map<string, { kind: string; value: string }>();
  for (const l of chunk) {
    const keys = leadKeys(l);
    keysOf.set(l.id, keys);
    for (const k of keys) probe.set(`${k.kind}\u0000${k.value}`, k);
  }
  const holders = new Map<string, repo.KeyHit[]>();
  for (const h of await repo.customersByKeys(tx, orgId, [...probe.values()])) {
    const id = `${h.kind}\u0000${h.value}`;
    holders.set(id, [...(holders.get(id) ?? []), h]);
  }
  const out = new Map<string, Match>();
  if (!holders.size) return out;
  for (const l of chunk) {
    const byCustomer = new Map<string, Match>();
    for (const k of keysOf.get(l.id) ?? []) {
      for (const h of holders.get(`${k.kind}\u0000${k.value}`) ?? []) {
        const m = byCustomer.get(h.customerId) ?? {
          customerId: h.customerId,
          ownerId: h.ownerId,
          matchedOn: [],
        };
        if (!m.matchedOn.includes(h.kind)) m.matchedOn.push(h.kind);
        byCustomer.set(h.customerId, m);
      }
    }
    const rank = (m: Match) => (m.matchedOn.includes('creditCode') ? 100 : 0) + m.matchedOn.length;
    // Strongest first; among equals an owned customer, then the lowest id (stable).
    const best = [...byCustomer.values()].sort(
      (a, b) =>
        rank(b) - rank(a) ||
        Number(b.ownerId !== null) - Number(a.ownerId !== null) ||
        a.customerId.localeCompare(b.customerId),
    )[0];
    if (best) out.set(l.id, { ...best, matchedOn: KIND_ORDER.filter((k) => best.matchedOn.includes(k)) });
  }
  return out;
}

/**
 * Assigns the listed leads in the caller's transaction: every listed lead without an owner gets
 * one (duplicate routing, then the ordered rules, then the fallback owner), and every listed lead
 * gets its first-contact deadline when it has none and its existing-customer match flagged.
 * Set-based: a few statements per chunk of 5,000 leads. The rules' rows stay locked until the
 * caller commits, so concurrent assignments take turns and the rotation stays fair.
 * New owners hear once per call, with the count.
 */
export async function assignLeads(
  tx: Db,
  orgId: string,
  leadIds: string[],
  now: Date,
): Promise<AssignResult> {
  const result: AssignResult = { assigned: 0, unassigned: [] };
  const ids = [...new Set(leadIds)];
  if (!ids.length) return result;
  const settings = await leadSettings(tx, orgId);
  const ruleRows = await repo.lockActiveRules(tx, orgId);
  const active = await repo.activeLeadOwners(tx, orgId);
  const byId = new Map(active.map((u) => [u.id, u]));
  const activeIds = new Set(byId.keys());
  const rules: EngineRule[] = ruleRows.map((r) => ({
    id: r.id,
    kind: r.kind,
    match: r.match ?? {},
    assigneeIds: r.teamId ? repo.teamMembers(active, r.teamId) : r.assigneeIds,
    rrCounter: Number(r.rrCounter),
  }));
  const due = new Date(now.getTime() + settings.firstContactHours * HOUR);
  const perOwner = new Map<string, number>();
  const counters = new Map<string, number>();

  // Pipelined on the one connection: while the server loads the next chunk and writes the previous
  // one, this process computes the current chunk's duplicate keys (the CPU-heavy part).
  const slices: string[][] = [];
  for (let i = 0; i < ids.length; i += ASSIGN_CHUNK) slices.push(ids.slice(i, i + ASSIGN_CHUNK));
  const writes: Promise<{ id: string; ownerId: string }[]>[] = [];
  let next: Promise<repo.LeadToAssign[]> | null = quiet(repo.leadsToAssign(tx, orgId, slices[0]!));
  for (let s = 0; s < slices.length; s++) {
    const chunk: repo.LeadToAssign[] = await next!;
    next = s + 1 < slices.length ? quiet(repo.leadsToAssign(tx, orgId, slices[s + 1]!)) : null;
    const matches = await findMatches(tx, orgId, chunk);
    const ownerless: EngineLead[] = chunk
      .filter((l) => l.ownerId === null)
      .map((l) => ({ ...l, matchedOwnerId: matches.get(l.id)?.ownerId ?? null }));
    const plan = planAssignment({ rules, activeUserIds: activeIds, leads: ownerless, settings, now });
    for (const r of rules) r.rrCounter = plan.counters.get(r.id) ?? r.rrCounter;
    for (const [id, n] of plan.counters) counters.set(id, n);
    result.unassigned.push(...plan.unassigned);
    const planned = new Map(plan.assignments.map((a) => [a.leadId, a]));
    const rows = chunk.map((l): repo.AssignmentWrite => {
      const a = planned.get(l.id);
      const owner = a?.ownerId ? byId.get(a.ownerId) : undefined;
      const m = matches.get(l.id);
      return {
        id: l.id,
        assign: !!a,
        ownerId: owner?.id ?? null,
        teamId: owner?.teamId ?? null,
        departmentId: owner?.departmentId ?? null,
        reason: a?.reason ?? null,
        ruleId: a?.ruleId ?? null,
        matchedCustomerId: m?.customerId ?? null,
        matchedOn: m?.matchedOn ?? [],
      };
    });
    writes.push(quiet(repo.writeAssignments(tx, orgId, rows, due, now)));
  }
  for (const written of await Promise.all(writes)) {
    result.assigned += written.length;
    for (const w of written) perOwner.set(w.ownerId, (perOwner.get(w.ownerId) ?? 0) + 1);
  }
  await repo.saveCounters(tx, orgId, counters);
  await notify(
    tx,
    [...perOwner].map(([userId, count]): NewNotification => ({
      orgId,
      userId,
      kind: 'leadsAssigned',
      params: { count, dueAt: due.toISOString() },
      link: leadsLink(userId),
    })),
  );
  return result;
}

/** A promise awaited later: its rejection must not count as unhandled meanwhile. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

export interface BulkAssignBody {
  ids: string[];
  ownerId: string;
}

/**
 * Managers hand many leads to one owner at once: new owner, assigned now for reason 'manual', a
 * fresh first-contact deadline, escalation cleared, one history entry per lead and one notice to
 * the new owner. Leads outside the caller's data scope (or gone) are refused as NOT_FOUND;
 * converted leads stay with whoever converted them.
 */
export async function bulkAssignLeads(ctx: Ctx, body: BulkAssignBody) {
  if (!can(ctx.actor, LEAD_ASSIGNMENT, 'update')) throw forbidden(LEAD_ASSIGNMENT, 'update');
  const ids = [...new Set(body.ids)];
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const owner = (await repo.activeLeadOwners(tx, ctx.actor.orgId)).find((u) => u.id === body.ownerId);
    if (!owner) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'ownerId', code: 'notActiveUser' }]);
    const found = new Map((await repo.visibleLeadsForUpdate(tx, ctx.actor, ids)).map((l) => [l.id, l]));
    const refused: { id: string; code: string; message: string }[] = [];
    const take: repo.ReassignRow[] = [];
    for (const id of ids) {
      const l = found.get(id);
      if (!l)
        refused.push({
          id,
          code: 'NOT_FOUND',
          message: translateError(ctx.locale, 'NOT_FOUND', { entity: 'lead' }),
        });
      else if (l.status === 'converted')
        refused.push({
          id,
          code: 'LEAD_ALREADY_CONVERTED',
          message: translateError(ctx.locale, 'LEAD_ALREADY_CONVERTED', {}),
        });
      else take.push(l);
    }
    const settings = await leadSettings(tx, ctx.actor.orgId);
    const due = new Date(ctx.now.getTime() + settings.firstContactHours * HOUR);
    await repo.reassignLeads(
      tx,
      ctx.actor.orgId,
      take.map((l) => l.id),
      owner,
      due,
      { userId: ctx.actor.userId, now: ctx.now },
    );
    await repo.insertAuditRows(
      tx,
      take.map((l) => ({
        id: newId(),
        orgId: ctx.actor.orgId,
        actorId: ctx.actor.userId,
        actorKind: ctx.actor.apiKey ? 'apiKey' : 'user',
        apiKeyId: ctx.actor.apiKey?.id ?? null,
        ip: ctx.ip,
        entity: 'leads',
        entityId: l.id,
        action: 'assign',
        changes: [
          { field: 'ownerId', old: l.ownerId, new: owner.id },
          { field: 'assignmentReason', old: null, new: 'manual' },
          { field: 'firstContactDueAt', old: null, new: due.toISOString() },
        ],
        at: ctx.now,
      })),
    );
    await audit(tx, ctx, 'leads', null, 'bulk:assign', [
      { field: 'ownerId', old: null, new: owner.id },
      { field: 'done', old: null, new: take.length },
      { field: 'failed', old: null, new: refused.length },
    ]);
    if (take.length && owner.id !== ctx.actor.userId) {
      const names = await repo.userNames(tx, ctx.actor.orgId, [ctx.actor.userId]);
      await notify(tx, [
        {
          orgId: ctx.actor.orgId,
          userId: owner.id,
          kind: 'leadsReassigned',
          params: { count: take.length, by: names.get(ctx.actor.userId) ?? null, dueAt: due.toISOString() },
          link: leadsLink(owner.id),
        },
      ]);
    }
    return { assigned: take.length, refused };
  });
}
