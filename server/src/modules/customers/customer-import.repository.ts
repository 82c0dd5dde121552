// Set-based reads and writes for imports: one statement per batch, rows passed as one JSON array.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { pgArray } from '../../db/arrays.ts';
import {
  insertRecords,
  RECORD_SEARCH_VECTOR,
  resultRows,
  updateRecords,
  type BulkTable,
} from '../../db/bulk-records.ts';
import { newId } from '../../db/columns.ts';
import type { Actor } from '../access/index.ts';
import { users } from '../users/users.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { interactions } from '../interactions/interactions.table.ts';
import { tasks } from '../tasks/tasks.table.ts';
import { customerActivity, customerKeys, customerOwners, customers } from './customers.table.ts';
import { customersVisibleTo } from './customers.repository.ts';
import type { CustomerFields } from './customer-input.ts';
import type { DedupeKey, DedupeKind } from './dedupe.ts';
import type { SearchDocs } from './search-weights.ts';

/** Held by an import's batch; interactive creates take it shared (lockKeys), so their duplicate check sees whole batches. */
export async function lockForImport(tx: Db, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${orgId}|customers-import`}, 0))`);
}

/** Active users of the organisation: imports name owners by name or email. */
export async function activeUsers(tx: Db, orgId: string) {
  return tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      teamId: users.teamId,
      departmentId: users.departmentId,
    })
    .from(users)
    .where(and(eq(users.orgId, orgId), isNull(users.deletedAt), eq(users.status, 'active')));
}

export interface KeyHolder {
  kind: DedupeKind | 'code';
  value: string;
  customerId: string;
  ownerId: string | null;
  ownerName: string | null;
  visible: boolean;
}

/** Live customers holding any of the keys or codes, whether the actor sees them (by data scope). */
export async function findKeyHolders(
  tx: Db,
  actor: Actor,
  keys: DedupeKey[],
  codes: string[],
): Promise<KeyHolder[]> {
  const scope = customersVisibleTo(actor) ?? sql`true`;
  const out: KeyHolder[] = [];
  if (keys.length) {
    // Driven by the batch's keys, each looked up in customer_keys_value_idx: the lateral join keeps the
    // planner from a hash join over the whole table, which it picks when it cannot see the array's size
    // (offset 0 keeps the subquery from being flattened back into a plain join).
    const rows = await tx.execute<Record<string, unknown>>(sql`
      select q.kind, q.value, ${customers.id} as customer_id, ${customers.ownerId} as owner_id, u.name as owner_name,
        (${scope}) as visible
      from unnest(${pgArray(keys.map((k) => k.kind))}::text[], ${pgArray(keys.map((k) => k.value))}::text[]) as q(kind, value)
      cross join lateral (select x.customer_id from ${customerKeys} x
        where x.org_id = ${actor.orgId} and x.kind = q.kind and x.value = q.value offset 0) k
      join ${customers} on ${customers.orgId} = ${actor.orgId} and ${customers.id} = k.customer_id and ${customers.deletedAt} is null
      left join ${users} u on u.org_id = ${customers.orgId} and u.id = ${customers.ownerId}`);
    for (const r of resultRows(rows)) out.push(holder(r));
  }
  if (codes.length) {
    const rows = await tx.execute<Record<string, unknown>>(sql`
      select 'code' as kind, ${customers.code} as value, ${customers.id} as customer_id, ${customers.ownerId} as owner_id,
        u.name as owner_name, (${scope}) as visible
      from ${customers}
      left join ${users} u on u.org_id = ${customers.orgId} and u.id = ${customers.ownerId}
      where ${customers.orgId} = ${actor.orgId} and ${customers.deletedAt} is null and ${customers.code} = any(${pgArray(codes)}::text[])`);
    for (const r of resultRows(rows)) out.push(holder(r));
  }
  return out;
}

function holder(r: Record<string, unknown>): KeyHolder {
  return {
    kind: r.kind as KeyHolder['kind'],
    value: String(r.value),
    customerId: String(r.customer_id),
    ownerId: (r.owner_id as string | null) ?? null,
    ownerName: (r.owner_name as string | null) ?? null,
    visible: r.visible === true || r.visible === 't',
  };
}

export type StoredCustomer = typeof customers.$inferSelect;

export async function customersByIds(tx: Db, orgId: string, ids: string[]): Promise<StoredCustomer[]> {
  if (!ids.length) return [];
  return tx
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), inArray(customers.id, ids)));
}

/** Live contacts' names per customer: part of the search document. */
export async function contactNamesByCustomer(tx: Db, orgId: string, ids: string[]) {
  const out = new Map<string, string[]>();
  if (!ids.length) return out;
  const rows = await tx
    .select({ customerId: contacts.customerId, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), inArray(contacts.customerId, ids), isNull(contacts.deletedAt)));
  for (const r of rows) out.set(r.customerId, [...(out.get(r.customerId) ?? []), r.name]);
  return out;
}

export interface CustomerWrite extends CustomerFields {
  id: string;
  ownerId: string | null;
  teamId: string | null;
  departmentId: string | null;
  ownerAssignedAt: Date | null;
  docs: SearchDocs;
}

/** The profile columns a customer import writes, with their types. */
const CUSTOMERS: BulkTable = {
  table: 'customers',
  profile: [
    ['kind', 'text'],
    ['name', 'text'],
    ['short_name', 'text'],
    ['code', 'text'],
    ['phones', 'text[]'],
    ['emails', 'text[]'],
    ['credit_code', 'text'],
    ['country', 'text'],
    ['province', 'text'],
    ['city', 'text'],
    ['district', 'text'],
    ['address', 'text'],
    ['website', 'text'],
    ['industry', 'text'],
    ['type', 'text'],
    ['source', 'text'],
    ['source_detail', 'text'],
    ['main_products', 'text'],
    ['lifecycle_status', 'text'],
    ['relationship_level', 'text'],
    ['payment_terms', 'text'],
    ['credit_limit', 'numeric'],
    ['credit_limit_currency', 'text'],
    ['credit_rating', 'text'],
    ['grade', 'text'],
    ['owner_id', 'uuid'],
    ['team_id', 'uuid'],
    ['department_id', 'uuid'],
    ['owner_assigned_at', 'timestamptz'],
    ['tags', 'text[]'],
    ['custom_fields', 'jsonb'],
    ['key_account', 'jsonb'],
  ],
};

function recordJson(rows: CustomerWrite[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      short_name: r.shortName,
      code: r.code,
      phones: r.phones,
      emails: r.emails,
      credit_code: r.creditCode,
      country: r.country,
      province: r.province,
      city: r.city,
      district: r.district,
      address: r.address,
      website: r.website,
      industry: r.industry,
      type: r.type,
      source: r.source,
      source_detail: r.sourceDetail,
      main_products: r.mainProducts,
      lifecycle_status: r.lifecycleStatus,
      relationship_level: r.relationshipLevel,
      payment_terms: r.paymentTerms,
      credit_limit: r.creditLimit,
      credit_limit_currency: r.creditLimitCurrency,
      credit_rating: r.creditRating,
      grade: r.grade,
      owner_id: r.ownerId,
      team_id: r.teamId,
      department_id: r.departmentId,
      owner_assigned_at: r.ownerAssignedAt?.toISOString() ?? null,
      tags: r.tags,
      custom_fields: r.customFields,
      key_account: r.keyAccount,
      doc_main: r.docs.main,
      doc_phones: r.docs.phones,
      doc_emails: r.docs.emails,
      doc_text: r.docs.text,
    })),
  );
}

export async function insertCustomers(
  tx: Db,
  orgId: string,
  rows: CustomerWrite[],
  who: { userId: string; now: Date },
): Promise<void> {
  if (rows.length) await insertRecords(tx, CUSTOMERS, orgId, recordJson(rows), who);
}

/** Overwrites the profile of existing customers; returns each one's new version. */
export async function updateCustomers(
  tx: Db,
  orgId: string,
  rows: CustomerWrite[],
  who: { userId: string; now: Date },
): Promise<Map<string, number>> {
  return rows.length ? updateRecords(tx, CUSTOMERS, orgId, recordJson(rows), who) : new Map();
}

export async function insertKeysBulk(
  tx: Db,
  orgId: string,
  keys: { customerId: string; kind: DedupeKind; value: string }[],
): Promise<void> {
  for (let i = 0; i < keys.length; i += 5000) {
    const chunk = keys.slice(i, i + 5000);
    await tx.execute(sql`
      insert into customer_keys (org_id, customer_id, kind, value)
      select ${orgId}, c, k, v from unnest(${pgArray(chunk.map((k) => k.customerId))}::uuid[], ${pgArray(chunk.map((k) => k.kind))}::text[],
        ${pgArray(chunk.map((k) => k.value))}::text[]) as t(c, k, v)
      on conflict do nothing`);
  }
}

export async function deleteKeysOf(tx: Db, orgId: string, ids: string[]): Promise<void> {
  if (ids.length)
    await tx
      .delete(customerKeys)
      .where(and(eq(customerKeys.orgId, orgId), inArray(customerKeys.customerId, ids)));
}

export interface UndoState {
  id: string;
  name: string;
  version: number;
  deleted: boolean;
  /** Contacts, interactions or tasks hang on it: someone worked on the customer since. */
  hasDependents: boolean;
}

export async function undoState(tx: Db, orgId: string, ids: string[]): Promise<Map<string, UndoState>> {
  const out = new Map<string, UndoState>();
  if (!ids.length) return out;
  const rows = await tx
    .select({
      id: customers.id,
      name: customers.name,
      version: customers.version,
      deletedAt: customers.deletedAt,
      hasDependents: sql<boolean>`exists (select 1 from ${contacts} x where x.org_id = ${customers.orgId} and x.customer_id = ${customers.id})
        or exists (select 1 from ${interactions} x where x.org_id = ${customers.orgId} and x.customer_id = ${customers.id})
        or exists (select 1 from ${tasks} x where x.org_id = ${customers.orgId} and x.customer_id = ${customers.id})`,
    })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), inArray(customers.id, ids)));
  for (const r of rows)
    out.set(r.id, {
      id: r.id,
      name: r.name,
      version: r.version,
      deleted: r.deletedAt !== null,
      hasDependents: r.hasDependents === true || (r.hasDependents as unknown) === 't',
    });
  return out;
}

/** Removes customers an import created, with their keys, ownership history and activity row. */
export async function hardDeleteCustomers(tx: Db, orgId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx
    .delete(customerKeys)
    .where(and(eq(customerKeys.orgId, orgId), inArray(customerKeys.customerId, ids)));
  await tx
    .delete(customerOwners)
    .where(and(eq(customerOwners.orgId, orgId), inArray(customerOwners.customerId, ids)));
  await tx
    .delete(customerActivity)
    .where(and(eq(customerActivity.orgId, orgId), inArray(customerActivity.customerId, ids)));
  await tx.delete(customers).where(and(eq(customers.orgId, orgId), inArray(customers.id, ids)));
}

/** Rewrites the search columns of many customers at once. */
export async function updateSearchBulk(tx: Db, orgId: string, docs: { id: string; docs: SearchDocs }[]) {
  if (!docs.length) return;
  await tx.execute(sql`
    update customers c set search_tsv = ${sql.raw(RECORD_SEARCH_VECTOR)}, search_text = v.doc_text
    from jsonb_to_recordset(${JSON.stringify(
      docs.map((d) => ({
        id: d.id,
        doc_main: d.docs.main,
        doc_phones: d.docs.phones,
        doc_emails: d.docs.emails,
        doc_text: d.docs.text,
      })),
    )}::jsonb) as v(id uuid, doc_main text, doc_phones text, doc_emails text, doc_text text)
    where c.org_id = ${orgId} and c.id = v.id`);
}

/** Ownership history rows for a batch, as one statement. */
export async function insertOwnerChangesBulk(
  tx: Db,
  orgId: string,
  changes: { customerId: string; fromOwnerId: string | null; toOwnerId: string | null; reason: string }[],
  who: { userId: string; now: Date },
): Promise<void> {
  if (!changes.length) return;
  await tx.execute(sql`
    insert into customer_owners (org_id, id, customer_id, from_owner_id, to_owner_id, changed_by, at, reason)
    select ${orgId}, v.id, v.customer_id, v.from_owner_id, v.to_owner_id, ${who.userId}, ${who.now}, v.reason
    from jsonb_to_recordset(${JSON.stringify(
      changes.map((c) => ({
        id: newId(),
        customer_id: c.customerId,
        from_owner_id: c.fromOwnerId,
        to_owner_id: c.toOwnerId,
        reason: c.reason,
      })),
    )}::jsonb) as v(id uuid, customer_id uuid, from_owner_id uuid, to_owner_id uuid, reason text)`);
}
