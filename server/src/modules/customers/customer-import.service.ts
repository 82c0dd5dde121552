import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { forbidden, type FieldError } from '../../lib/errors.ts';
import type { ImportEntity, RowOutcome, UndoResult } from '../imports/index.ts';
import { activeDictionaryItems, fieldDefsOf } from '../customization/index.ts';
import * as repo from './customer-import.repository.ts';
import { insertOwnerChanges, type OwnerChange } from './customer-keys.repository.ts';
import {
  customerFromRow,
  customerImportFields,
  displayCustomer,
  lookupKey,
  missingRequired,
  type Assignee,
  type CustomerImportContext,
  type CustomerImportValue,
} from './customer-import.ts';
import { applyCustomerInput, EMPTY_KEY_ACCOUNT, type CustomerFields } from './customer-input.ts';
import { canManageOwnership, ENTITY, requireCustomers } from './customers.service.ts';
import { keysOf } from './customer-duplicates.service.ts';
import { searchDocs } from './search-weights.ts';
import type { DedupeKey, DedupeKind } from './dedupe.ts';

interface Prepared extends CustomerImportContext {
  orgId: string;
  userNames: Map<string, string>;
}

/** Upsert keys and the duplicate-key kind (or the code column) each one matches on. */
const KEY_KIND: Record<string, DedupeKind | 'code'> = {
  code: 'code',
  creditCode: 'creditCode',
  email: 'email',
  phone: 'phone',
  name: 'name',
};
const FIELD_OF: Record<DedupeKind | 'code', string> = {
  code: 'code',
  creditCode: 'creditCode',
  email: 'emails',
  phone: 'phones',
  name: 'name',
};

interface Pending {
  id: string;
  create: boolean;
  rowNo: number;
  fields: CustomerFields;
  owner: Assignee | null;
  ownerAssignedAt: Date | null;
  /** The stored record before the import touched it (updates). */
  stored?: repo.StoredCustomer;
  ownerChanged: boolean;
  /** Duplicate keys of `fields` when already known (a created row's, from validation). */
  keys?: DedupeKey[];
}

const sep = (k: string, v: string) => `${k}\u0000${v}`;

function storedFields(s: repo.StoredCustomer): CustomerFields {
  return {
    kind: s.kind,
    name: s.name,
    shortName: s.shortName,
    code: s.code,
    phones: s.phones,
    emails: s.emails,
    creditCode: s.creditCode,
    country: s.country,
    province: s.province,
    city: s.city,
    district: s.district,
    address: s.address,
    website: s.website,
    industry: s.industry,
    type: s.type,
    source: s.source,
    sourceDetail: s.sourceDetail,
    mainProducts: s.mainProducts,
    lifecycleStatus: s.lifecycleStatus,
    relationshipLevel: s.relationshipLevel,
    paymentTerms: s.paymentTerms,
    creditLimit: s.creditLimit,
    creditLimitCurrency: s.creditLimitCurrency,
    creditRating: s.creditRating,
    grade: s.grade,
    tags: s.tags,
    customFields: s.customFields,
    keyAccount: { ...EMPTY_KEY_ACCOUNT, ...s.keyAccount },
  };
}

/** What undo puts back: the profile and the assignment. */
function snapshot(s: repo.StoredCustomer): Record<string, unknown> {
  return {
    ...storedFields(s),
    ownerId: s.ownerId,
    teamId: s.teamId,
    departmentId: s.departmentId,
    ownerAssignedAt: s.ownerAssignedAt?.toISOString() ?? null,
  };
}

function keyStrings(f: CustomerFields, keys: DedupeKey[] = keysOf(f)): string[] {
  return [...keys.map((k) => sep(k.kind, k.value)), ...(f.code ? [sep('code', f.code)] : [])];
}

function duplicateError(
  matched: { kind: string; ownerName: string | null; rowNo?: number; customerId?: string },
  locale: string,
): FieldError {
  const field = FIELD_OF[matched.kind as DedupeKind | 'code'] ?? 'name';
  if (matched.kind === 'code') return { field: 'code', code: 'taken' };
  return matched.rowNo !== undefined
    ? { field, code: 'duplicateInFile', params: { row: matched.rowNo, matchedOn: matched.kind } }
    : {
        field,
        code: 'duplicateOf',
        params: {
          ownerName: matched.ownerName ?? (locale === 'en' ? 'the public pool' : '公海'),
          matchedOn: matched.kind,
          existingId: matched.customerId,
        },
      };
}

export const customersImport: ImportEntity<Prepared, CustomerImportValue> = {
  entity: ENTITY,
  label: { 'zh-CN': '客户', en: 'Customers' },
  formats: ['csv', 'xlsx'],
  // Only the columns the import's lookups filter on: statistics of the search vector are dear to gather.
  tables: [
    'customers (org_id, id, code, name, owner_id, deleted_at)',
    'customer_keys (org_id, kind, value, customer_id)',
    'customer_owners (org_id, customer_id)',
  ],
  keys: [
    { key: 'code', label: { 'zh-CN': '客户编号', en: 'Customer code' } },
    { key: 'creditCode', label: { 'zh-CN': '统一社会信用代码', en: 'Credit code' } },
    { key: 'email', label: { 'zh-CN': '邮箱', en: 'Email' } },
    { key: 'phone', label: { 'zh-CN': '电话', en: 'Phone' } },
    { key: 'name', label: { 'zh-CN': '客户名称（规范化）', en: 'Name (normalised)' } },
  ],

  authorise(ctx, mode) {
    requireCustomers(ctx, 'create');
    if (mode === 'upsert') requireCustomers(ctx, 'update');
  },

  async fields(tx, ctx) {
    return customerImportFields(await fieldDefsOf(tx, ctx.actor.orgId, ENTITY));
  },

  async prepare(tx, ctx, opts) {
    const orgId = ctx.actor.orgId;
    const defs = await fieldDefsOf(tx, orgId, ENTITY);
    const dictionaries = new Map<string, Map<string, string>>();
    for (const item of await activeDictionaryItems(tx, orgId, ctx.now)) {
      const m = dictionaries.get(item.dictionary) ?? new Map<string, string>();
      for (const s of [item.key, item.label['zh-CN'], item.label.en]) if (s) m.set(lookupKey(s), item.key);
      dictionaries.set(item.dictionary, m);
    }
    const all = await repo.activeUsers(tx, orgId);
    const users = new Map<string, Assignee>();
    const shared = new Set<string>();
    for (const u of all) {
      const a = { id: u.id, teamId: u.teamId, departmentId: u.departmentId };
      const name = lookupKey(u.name);
      if (users.has(name)) shared.add(name);
      users.set(name, a);
      users.set(lookupKey(u.email), a);
    }
    for (const name of shared) users.delete(name);
    const self = all.find((u) => u.id === ctx.actor.userId);
    const me = {
      id: ctx.actor.userId,
      teamId: self?.teamId ?? null,
      departmentId: self?.departmentId ?? null,
    };
    const canAssign = canManageOwnership(ctx.actor);
    let defaultOwner: Assignee = me;
    if (opts.ownerId && opts.ownerId !== me.id) {
      if (!canAssign) throw forbidden(ENTITY, 'update');
      const u = all.find((x) => x.id === opts.ownerId);
      if (u) defaultOwner = { id: u.id, teamId: u.teamId, departmentId: u.departmentId };
    }
    return {
      orgId,
      defs,
      dictionaries,
      users,
      self: me,
      canAssign,
      defaultOwner,
      tags: opts.tags,
      partial: opts.mode === 'upsert',
      userNames: new Map(all.map((u) => [u.id, u.name])),
    };
  },

  validate: (p, row) => customerFromRow(p, row),

  display: (p, v) => displayCustomer(v, (id) => p.userNames.get(id)),

  async write(tx, ctx, p, rows, opts) {
    await repo.lockForImport(tx, p.orgId);
    const keyKind = opts.mode === 'upsert' ? (KEY_KIND[opts.key ?? ''] ?? null) : null;
    const allKeys = new Map<string, { kind: DedupeKind; value: string }>();
    const codes = new Set<string>();
    for (const r of rows) {
      for (const k of r.value.keys) allKeys.set(sep(k.kind, k.value), k);
      if (r.value.fields.code) codes.add(r.value.fields.code);
    }
    const holders = await repo.findKeyHolders(tx, ctx.actor, [...allKeys.values()], [...codes]);
    const held = new Map<string, repo.KeyHolder[]>();
    for (const h of holders) held.set(sep(h.kind, h.value), [...(held.get(sep(h.kind, h.value)) ?? []), h]);
    const stored = new Map<string, repo.StoredCustomer>();
    if (keyKind) {
      const ids = [...new Set(holders.filter((h) => h.kind === keyKind).map((h) => h.customerId))];
      for (const s of await repo.customersByIds(tx, p.orgId, ids)) stored.set(s.id, s);
    }

    const pending = new Map<string, Pending>();
    /** Keys held by records this batch creates or updates. */
    const batchKeys = new Map<string, Pending>();
    const outcomes: (RowOutcome | { rowNo: number; kind: 'pending'; target: Pending; created: boolean })[] =
      [];
    const claim = (pend: Pending) => {
      for (const k of keyStrings(pend.fields, pend.keys)) if (!batchKeys.has(k)) batchKeys.set(k, pend);
    };
    /** Another record (stored or in this batch) already holding one of `keys`. */
    const clash = (keys: string[], self?: string) => {
      for (const k of keys) {
        const inBatch = batchKeys.get(k);
        if (inBatch && inBatch.id !== self)
          return { kind: k.split('\u0000')[0]!, ownerName: null, rowNo: inBatch.rowNo };
        const h = (held.get(k) ?? []).find((x) => x.customerId !== self && !pending.get(x.customerId));
        if (h) return { kind: h.kind, ownerName: h.ownerName, customerId: h.customerId };
      }
      return undefined;
    };

    for (const { rowNo, value: v } of rows) {
      const keys = keyStrings(v.fields, v.keys);
      if (keyKind) {
        const own = keys.filter((k) => k.startsWith(`${keyKind}\u0000`));
        const targets = new Set<string>();
        for (const k of own) {
          const b = batchKeys.get(k);
          if (b) targets.add(b.id);
          for (const h of held.get(k) ?? []) if (h.kind === keyKind) targets.add(h.customerId);
        }
        if (targets.size > 1) {
          outcomes.push({
            rowNo,
            kind: 'failed',
            errors: [{ field: FIELD_OF[keyKind], code: 'ambiguousKey' }],
          });
          continue;
        }
        if (targets.size === 1) {
          const id = [...targets][0]!;
          let pend = pending.get(id);
          if (!pend) {
            const h = holders.find((x) => x.customerId === id)!;
            const s = stored.get(id);
            if (!h.visible || !s) {
              outcomes.push({
                rowNo,
                kind: 'failed',
                errors: [
                  { field: FIELD_OF[keyKind], code: 'notVisible', params: { ownerName: h.ownerName ?? '' } },
                ],
              });
              continue;
            }
            pend = {
              id,
              create: false,
              rowNo,
              fields: storedFields(s),
              owner: s.ownerId ? { id: s.ownerId, teamId: s.teamId, departmentId: s.departmentId } : null,
              ownerAssignedAt: s.ownerAssignedAt,
              stored: s,
              ownerChanged: false,
            };
          }
          const input = {
            ...v.input,
            ...(v.input.customFields
              ? { customFields: { ...pend.fields.customFields, ...v.input.customFields } }
              : {}),
            ...(v.input.tags ? { tags: [...pend.fields.tags, ...v.input.tags] } : {}),
          };
          const applied = applyCustomerInput(pend.fields, input);
          if (applied.errors.length) {
            outcomes.push({ rowNo, kind: 'failed', errors: applied.errors });
            continue;
          }
          const other = clash(keyStrings(applied.fields), id);
          if (other) {
            outcomes.push({ rowNo, kind: 'failed', errors: [duplicateError(other, ctx.locale)] });
            continue;
          }
          pend.fields = applied.fields;
          pend.keys = undefined;
          if (v.owner && v.owner.id !== pend.owner?.id) {
            pend.owner = v.owner;
            pend.ownerAssignedAt = ctx.now;
            pend.ownerChanged = true;
          }
          pending.set(id, pend);
          claim(pend);
          outcomes.push({ rowNo, kind: 'pending', target: pend, created: pend.create });
          continue;
        }
      }
      const dup = clash(keys);
      if (dup) {
        outcomes.push({
          rowNo,
          kind: opts.mode === 'skip-duplicates' ? 'skipped' : 'failed',
          errors: [duplicateError(dup, ctx.locale)],
        });
        continue;
      }
      if (p.partial) {
        const missing = missingRequired(p.defs, v.fields);
        if (missing.length) {
          outcomes.push({ rowNo, kind: 'failed', errors: missing });
          continue;
        }
      }
      const owner = v.owner ?? p.defaultOwner;
      const pend: Pending = {
        id: newId(),
        create: true,
        rowNo,
        fields: v.fields,
        owner,
        ownerAssignedAt: ctx.now,
        ownerChanged: true,
        keys: v.keys,
      };
      pending.set(pend.id, pend);
      claim(pend);
      outcomes.push({ rowNo, kind: 'pending', target: pend, created: true });
    }

    const who = { userId: ctx.actor.userId, now: ctx.now };
    const all = [...pending.values()];
    const updates = all.filter((x) => !x.create);
    const names = await repo.contactNamesByCustomer(
      tx,
      p.orgId,
      updates.map((x) => x.id),
    );
    const toWrite = (x: Pending): repo.CustomerWrite => ({
      ...x.fields,
      id: x.id,
      ownerId: x.owner?.id ?? null,
      teamId: x.owner?.teamId ?? x.stored?.teamId ?? null,
      departmentId: x.owner?.departmentId ?? x.stored?.departmentId ?? null,
      ownerAssignedAt: x.owner ? x.ownerAssignedAt : null,
      docs: searchDocs({ ...x.fields, contactNames: names.get(x.id) ?? [] }),
    });
    await repo.insertCustomers(tx, p.orgId, all.filter((x) => x.create).map(toWrite), who);
    const versions = await repo.updateCustomers(tx, p.orgId, updates.map(toWrite), who);
    await repo.deleteKeysOf(
      tx,
      p.orgId,
      updates.map((x) => x.id),
    );
    await repo.insertKeysBulk(
      tx,
      p.orgId,
      all.flatMap((x) =>
        (x.keys ?? keysOf(x.fields)).map((k) => ({ customerId: x.id, kind: k.kind, value: k.value })),
      ),
    );
    const changes: OwnerChange[] = all
      .filter((x) => x.ownerChanged && (x.create ? x.owner : true))
      .map((x) => ({
        customerId: x.id,
        fromOwnerId: x.stored?.ownerId ?? null,
        toOwnerId: x.owner?.id ?? null,
        reason: 'import',
      }));
    await repo.insertOwnerChangesBulk(tx, p.orgId, changes, who);

    return outcomes.map((o) => {
      if (o.kind !== 'pending') return o;
      const t = o.target;
      const version = t.create ? 1 : (versions.get(t.id) ?? 1);
      return o.created
        ? { rowNo: o.rowNo, kind: 'created', id: t.id, version }
        : { rowNo: o.rowNo, kind: 'updated', id: t.id, version, before: snapshot(t.stored!) };
    });
  },

  async undo(tx, ctx, records): Promise<UndoResult> {
    const orgId = ctx.actor.orgId;
    await repo.lockForImport(tx, orgId);
    const state = await repo.undoState(
      tx,
      orgId,
      records.map((r) => r.recordId),
    );
    const conflicts: UndoResult['conflicts'] = [];
    const remove: string[] = [];
    const restore: { id: string; before: Record<string, unknown> }[] = [];
    for (const r of records) {
      const s = state.get(r.recordId);
      if (!s) continue;
      const changed =
        s.version !== r.versionAfter || (r.action === 'created' && (s.deleted || s.hasDependents));
      if (changed) conflicts.push({ id: s.id, name: s.name });
      else if (r.action === 'created') remove.push(s.id);
      else if (r.before) restore.push({ id: s.id, before: r.before });
    }
    await repo.hardDeleteCustomers(tx, orgId, remove);
    if (restore.length) {
      const stored = new Map(
        (
          await repo.customersByIds(
            tx,
            orgId,
            restore.map((r) => r.id),
          )
        ).map((s) => [s.id, s]),
      );
      const names = await repo.contactNamesByCustomer(
        tx,
        orgId,
        restore.map((r) => r.id),
      );
      const writes = restore.map(({ id, before }) => {
        const f = before as unknown as CustomerFields & {
          ownerId: string | null;
          teamId: string | null;
          departmentId: string | null;
          ownerAssignedAt: string | null;
        };
        return {
          ...f,
          id,
          ownerAssignedAt: f.ownerAssignedAt ? new Date(f.ownerAssignedAt) : null,
          docs: searchDocs({ ...f, contactNames: names.get(id) ?? [] }),
        };
      });
      const who = { userId: ctx.actor.userId, now: ctx.now };
      await repo.updateCustomers(tx, orgId, writes, who);
      await repo.deleteKeysOf(
        tx,
        orgId,
        writes.map((w) => w.id),
      );
      await repo.insertKeysBulk(
        tx,
        orgId,
        writes.flatMap((w) => keysOf(w).map((k) => ({ customerId: w.id, kind: k.kind, value: k.value }))),
      );
      await insertOwnerChanges(
        tx,
        orgId,
        writes
          .filter((w) => stored.get(w.id)?.ownerId !== w.ownerId)
          .map((w) => ({
            customerId: w.id,
            fromOwnerId: stored.get(w.id)?.ownerId ?? null,
            toOwnerId: w.ownerId,
            reason: 'import undone' as const,
          })),
        who,
      );
    }
    return { undone: remove.length + restore.length, conflicts };
  },
};

/** Recomputes the search documents of many customers (their contacts' names changed in bulk). */
export async function refreshCustomerSearches(tx: Db, orgId: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await repo.customersByIds(tx, orgId, chunk);
    const names = await repo.contactNamesByCustomer(tx, orgId, chunk);
    await repo.updateSearchBulk(
      tx,
      orgId,
      rows.map((r) => ({ id: r.id, docs: searchDocs({ ...r, contactNames: names.get(r.id) ?? [] }) })),
    );
  }
}
