import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { audit, diffRecords, insertAudit } from '../audit/index.ts';
import { can, recordScope, type Action } from '../access/index.ts';
import { findOrg, lockOrgSettings, setOrgSetting } from '../orgs/index.ts';
import { notify, type NewNotification } from '../notifications/index.ts';
import * as repo from './customers.repository.ts';
import * as pool from './pool.repository.ts';
import { presentCustomer } from './customer-present.ts';
import { findDivision } from './divisions.ts';
import { localDate } from './local-days.ts';
import { canClaim, evaluatePoolRules, type PoolRule } from './pool-rules.ts';
import { searchQuery } from './search-weights.ts';
import { maskedFields, orgWide, visibleCustomer } from './customers.service.ts';
import { CUSTOMER_SORTS } from './customers.schema.ts';
import type { PoolListQuery, PoolSettings } from './pool.schema.ts';

export const POOL = 'customerPool';
const SETTING = 'pool';

export function requirePool(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, POOL, action)) throw forbidden(POOL, action);
}

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  enabled: false,
  rules: [],
  capPerRep: null,
  coolDownDays: 0,
};

/** The organisation's pool settings; anything missing takes its default. */
export function poolSettingsOf(settings: Record<string, unknown> | undefined): PoolSettings {
  const raw = (settings?.[SETTING] ?? {}) as Partial<PoolSettings>;
  return {
    enabled: raw.enabled === true,
    rules: Array.isArray(raw.rules) ? raw.rules : [],
    capPerRep: typeof raw.capPerRep === 'number' ? raw.capPerRep : null,
    coolDownDays: typeof raw.coolDownDays === 'number' ? raw.coolDownDays : 0,
  };
}

/** What the schema cannot say: a warning shorter than its period, and one rule per grade and status. */
export function validatePoolSettings(s: PoolSettings): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  s.rules.forEach((r, i) => {
    const key = `${r.grade ?? '*'}|${r.status ?? '*'}`;
    if (seen.has(key)) errors.push({ field: `rules[${i}]`, code: 'duplicateRule' });
    seen.add(key);
    const period = Math.min(r.noFollowUpDays, r.noDealDays ?? Infinity);
    if (r.warnDaysBefore >= period)
      errors.push({ field: `rules[${i}].warnDaysBefore`, code: 'warnTooLate', params: { limit: period } });
  });
  return errors;
}

export async function getPoolSettings(ctx: Ctx): Promise<PoolSettings> {
  requirePool(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) =>
    poolSettingsOf((await findOrg(tx, ctx.actor.orgId))?.settings),
  );
}

export async function putPoolSettings(ctx: Ctx, body: PoolSettings): Promise<PoolSettings> {
  requirePool(ctx, 'update');
  const errors = validatePoolSettings(body);
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  const next: PoolSettings = {
    enabled: body.enabled,
    rules: body.rules.map((r) => ({
      grade: r.grade ?? null,
      status: r.status ?? null,
      noFollowUpDays: r.noFollowUpDays,
      noDealDays: r.noDealDays ?? null,
      warnDaysBefore: r.warnDaysBefore,
    })),
    capPerRep: body.capPerRep,
    coolDownDays: body.coolDownDays,
  };
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = poolSettingsOf(await lockOrgSettings(tx, ctx.actor.orgId));
    await setOrgSetting(tx, ctx.actor.orgId, SETTING, next);
    await audit(tx, ctx, 'orgs', ctx.actor.orgId, 'update', [
      { field: 'settings.pool', old: before, new: next },
    ]);
    return next;
  });
}

const sortOf = (query: PoolListQuery) =>
  parseSort(query.sort, CUSTOMER_SORTS, { field: 'updatedAt', desc: true });

/** The pool: every customer without an owner, for whoever may read the pool; field rules still apply. */
export async function listPool(ctx: Ctx, query: PoolListQuery) {
  requirePool(ctx, 'read');
  const { limit: _l, cursor: _c, sort: _s, q, province, city, ...rest } = query;
  const code = (v: string | undefined, level: 'province' | 'city') =>
    v === undefined ? undefined : (findDivision(v, { level })?.code ?? v);
  const sort = sortOf(query);
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listCustomers(
      tx,
      orgWide(ctx.actor),
      {
        ...rest,
        province: code(province, 'province'),
        city: code(city, 'city'),
        search: searchQuery(q, maskedFields(ctx.actor)),
        inPool: true,
      },
      { sort, cursor: decodeCursor(query.cursor), limit },
    );
    const page = pageBySort(rows, limit, sort.field);
    return {
      items: page.items.map((r) => presentCustomer(ctx.actor, r, q)),
      total,
      nextCursor: page.nextCursor,
    };
  });
}

/**
 * The caller takes a customer from the pool. Every refusal names its reason (pool-rules.ts
 * canClaim); the owner is set by a conditional update, so of two reps racing one wins and
 * the other is told the customer is no longer in the pool.
 */
export async function claimCustomer(ctx: Ctx, id: string) {
  requirePool(ctx, 'create');
  const orgId = ctx.actor.orgId;
  return withTenant(ctx.db, orgId, async (tx) => {
    const org = await findOrg(tx, orgId);
    const settings = poolSettingsOf(org?.settings);
    const timeZone = org?.timeZone ?? 'Asia/Shanghai';
    const row = await repo.findCustomer(tx, orgWide(ctx.actor), id);
    if (!row) throw notFound('customer');
    const rep = await pool.lockRep(tx, orgId, ctx.actor.userId);
    if (!rep) throw forbidden(POOL, 'create');
    const decision = canClaim({
      rep,
      customer: { ownerId: row.ownerId },
      ownedCount: settings.capPerRep === null ? 0 : await pool.countOwned(tx, orgId, rep.id),
      cap: settings.capPerRep,
      lastReleasedByRepAt: await pool.lastReleasedBy(tx, orgId, id, rep.id),
      coolDownDays: settings.coolDownDays,
      poolConfigured: settings.enabled,
      now: ctx.now,
      timeZone,
    });
    if (!decision.ok) throw refusal(decision.reason, decision.params, timeZone);

    const who = { userId: ctx.actor.userId, now: ctx.now };
    const to = { ownerId: rep.id, teamId: rep.teamId, departmentId: rep.departmentId };
    if (!(await pool.takeFromPool(tx, orgId, id, to, who))) throw new AppError('NOT_IN_POOL');
    await pool.insertPoolOwnerChange(
      tx,
      orgId,
      { customerId: id, fromOwnerId: null, toOwnerId: rep.id, reason: 'claim' },
      who,
    );
    await audit(
      tx,
      ctx,
      'customers',
      id,
      'claim',
      diffRecords({ ownerId: null, teamId: row.teamId, departmentId: row.departmentId }, to),
    );
    return presentCustomer(ctx.actor, (await repo.findCustomer(tx, orgWide(ctx.actor), id))!);
  });
}

function refusal(
  reason: 'POOL_NOT_CONFIGURED' | 'NOT_IN_POOL' | 'CAP_REACHED' | 'COOL_DOWN',
  params: Record<string, string | number | null>,
  timeZone: string,
): AppError {
  if (reason === 'NOT_IN_POOL') return new AppError('NOT_IN_POOL'); // never who has it
  if (reason === 'COOL_DOWN') {
    const availableAt = new Date(String(params.availableAt));
    const p = { ...params, until: localDate(availableAt, timeZone) };
    return new AppError('COOL_DOWN', p, p);
  }
  return new AppError(reason, params, Object.keys(params).length ? params : undefined);
}

/**
 * The owner (or a manager over it) puts a customer back in the pool, saying why. The
 * ownership history keeps who released it and when: the cool-down reads it.
 */
export async function releaseCustomer(ctx: Ctx, id: string, reason: string) {
  requirePool(ctx, 'delete');
  const orgId = ctx.actor.orgId;
  return withTenant(ctx.db, orgId, async (tx) => {
    const row = await visibleCustomer(tx, ctx, id);
    if (row.ownerId === null) throw new AppError('ALREADY_IN_POOL');
    if (row.ownerId !== ctx.actor.userId && recordScope(ctx.actor).kind === 'own') throw notFound('customer');
    const who = { userId: ctx.actor.userId, now: ctx.now };
    if (!(await pool.returnToPool(tx, orgId, id, row.ownerId, who))) throw new AppError('VERSION_CONFLICT');
    const why = reason.trim();
    await pool.insertPoolOwnerChange(
      tx,
      orgId,
      { customerId: id, fromOwnerId: row.ownerId, toOwnerId: null, reason: `released: ${why}` },
      who,
    );
    await audit(tx, ctx, 'customers', id, 'release', [
      { field: 'ownerId', old: row.ownerId, new: null },
      { field: 'reason', old: null, new: why },
    ]);
    return presentCustomer(ctx.actor, (await repo.findCustomer(tx, orgWide(ctx.actor), id))!);
  });
}

export interface ReclaimResult {
  orgs: number;
  evaluated: number;
  reclaimed: number;
  warned: number;
}

const REASON_TEXT = {
  NO_FOLLOW_UP: (days: number) => `no follow-up for ${days} days`,
  NO_DEAL: (days: number) => `no opportunity or deal for ${days} days`,
};

/**
 * The scheduled reclaim: in every organisation with the pool on (or only `orgId`), owned
 * customers are weighed against the rules as of `now` in the organisation's time zone, a
 * batch per transaction. Due ones go back to the pool; those within the warning window get
 * one 'pool_warning' audit entry per due date. The owner is notified of both ('poolWarning' with the
 * due date, 'poolReclaimed' with the day it happened). Progress is
 * reported between batches, outside any transaction.
 */
export async function reclaimPool(
  db: Db,
  now: Date,
  opts: {
    orgId?: string | null;
    batchSize?: number;
    progress?: (processed: number, message: string) => Promise<void>;
    cancelled?: () => Promise<boolean>;
  } = {},
): Promise<ReclaimResult> {
  const batchSize = opts.batchSize ?? 500;
  const result: ReclaimResult = { orgs: 0, evaluated: 0, reclaimed: 0, warned: 0 };
  for (const org of await pool.listPoolOrgs(db, opts.orgId)) {
    const settings = poolSettingsOf(org.settings);
    if (!settings.enabled || !settings.rules.length) continue;
    result.orgs++;
    let after: string | null = null;
    for (;;) {
      const batch = await withTenant(db, org.id, (tx) =>
        reclaimBatch(tx, org.id, org.timeZone, settings.rules, now, after, batchSize),
      );
      result.evaluated += batch.count;
      result.reclaimed += batch.reclaimed;
      result.warned += batch.warned;
      await opts.progress?.(result.evaluated, `org ${org.id}`);
      if (batch.count < batchSize || !batch.lastId) break;
      if (await opts.cancelled?.()) return result;
      after = batch.lastId;
    }
  }
  return result;
}

async function reclaimBatch(
  tx: Db,
  orgId: string,
  timeZone: string,
  rules: PoolRule[],
  now: Date,
  after: string | null,
  limit: number,
) {
  const rows = await pool.ownedBatch(tx, orgId, after, limit);
  const decisions = rows.map((r) => ({
    row: r,
    d: evaluatePoolRules(
      {
        ownerId: r.ownerId,
        grade: r.grade,
        status: r.status,
        // The owner's last logged interaction (customer_activity); opportunities come later.
        lastFollowUpAt: r.lastFollowUpAt,
        lastOpportunityAt: null,
        lastDealAt: r.lastDealAt,
        assignedAt: r.assignedAt,
      },
      rules,
      now,
      timeZone,
    ),
  }));
  const warnIds = decisions.filter((x) => x.d.action === 'warn').map((x) => x.row.id);
  const warnedAlready = await pool.warnedDueDates(tx, orgId, warnIds);
  const system = { userId: null, now };
  let reclaimed = 0;
  let warned = 0;
  const notices: NewNotification[] = [];
  const notice = (kind: string, row: (typeof rows)[number], ownerId: string, day: Date) =>
    notices.push({
      orgId,
      userId: ownerId,
      kind,
      params: { customerName: row.name, date: localDate(day, timeZone) },
      link: `/customers/${row.id}`,
    });
  for (const { row, d } of decisions) {
    if (d.action === 'keep' || !row.ownerId) continue;
    const reasonText = REASON_TEXT[d.reason as 'NO_FOLLOW_UP' | 'NO_DEAL'](d.params.days ?? 0);
    const dueAt = d.dueAt!.toISOString();
    if (d.action === 'reclaim') {
      if (!(await pool.returnToPool(tx, orgId, row.id, row.ownerId, system))) continue;
      await pool.insertPoolOwnerChange(
        tx,
        orgId,
        { customerId: row.id, fromOwnerId: row.ownerId, toOwnerId: null, reason: `reclaimed: ${reasonText}` },
        system,
      );
      await insertAudit(tx, {
        orgId,
        actorId: null,
        actorKind: 'system',
        entity: 'customers',
        entityId: row.id,
        action: 'reclaim',
        changes: [
          { field: 'ownerId', old: row.ownerId, new: null },
          { field: 'reason', old: null, new: reasonText },
        ],
        at: now,
      });
      notice('poolReclaimed', row, row.ownerId, now);
      reclaimed++;
    } else if (!warnedAlready.has(`${row.id} ${dueAt}`)) {
      await insertAudit(tx, {
        orgId,
        actorId: null,
        actorKind: 'system',
        entity: 'customers',
        entityId: row.id,
        action: 'pool_warning',
        changes: [
          { field: 'dueAt', old: null, new: dueAt },
          { field: 'ownerId', old: row.ownerId, new: row.ownerId },
          { field: 'reason', old: null, new: reasonText },
          { field: 'daysLeft', old: null, new: d.params.daysLeft },
        ],
        at: now,
      });
      notice('poolWarning', row, row.ownerId, d.dueAt!);
      warned++;
    }
  }
  await notify(tx, notices);
  return { count: rows.length, lastId: rows.at(-1)?.id ?? null, reclaimed, warned };
}
