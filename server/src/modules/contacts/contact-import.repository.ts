// Set-based reads and writes for contact imports.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { pgArray } from '../../db/arrays.ts';
import { insertRecords, updateRecords, type BulkTable } from '../../db/bulk-records.ts';
import type { Actor } from '../access/index.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { customerKeys, customers } from '../customers/customers.table.ts';
import { interactions } from '../interactions/interactions.table.ts';
import { tasks } from '../tasks/tasks.table.ts';
import { contacts } from './contacts.table.ts';
import type { ContactFields } from './contact-input.ts';

export interface CustomerMatch {
  id: string;
  name: string;
  code: string | null;
  /** The normalised-name key it was found by, if any. */
  nameKey: string | null;
  visible: boolean;
}

/** Live customers whose code or name is one of `refs`, or whose normalised name is one of `nameKeys`. */
export async function matchCustomers(
  tx: Db,
  actor: Actor,
  refs: string[],
  nameKeys: string[],
): Promise<CustomerMatch[]> {
  if (!refs.length && !nameKeys.length) return [];
  const scope = customersVisibleTo(actor) ?? sql`true`;
  const rows = await tx
    .select({
      id: customers.id,
      name: customers.name,
      code: customers.code,
      nameKey: customerKeys.value,
      visible: sql<boolean>`(${scope})`,
    })
    .from(customers)
    .leftJoin(
      customerKeys,
      and(
        eq(customerKeys.orgId, customers.orgId),
        eq(customerKeys.customerId, customers.id),
        eq(customerKeys.kind, 'name'),
        sql`${customerKeys.value} = any(${pgArray(nameKeys)}::text[])`,
      ),
    )
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        isNull(customers.deletedAt),
        sql`(${customers.code} = any(${pgArray(refs)}::text[]) or ${customers.name} = any(${pgArray(refs)}::text[])
          or ${customers.id} in (select k.customer_id from ${customerKeys} k where k.org_id = ${actor.orgId}
            and k.kind = 'name' and k.value = any(${pgArray(nameKeys)}::text[])))`,
      ),
    );
  return rows.map((r) => ({ ...r, visible: r.visible === true || (r.visible as unknown) === 't' }));
}

export type StoredContact = typeof contacts.$inferSelect;

export async function contactsOfCustomers(
  tx: Db,
  orgId: string,
  customerIds: string[],
): Promise<StoredContact[]> {
  if (!customerIds.length) return [];
  return tx
    .select()
    .from(contacts)
    .where(
      and(eq(contacts.orgId, orgId), inArray(contacts.customerId, customerIds), isNull(contacts.deletedAt)),
    );
}

export async function contactsByIds(tx: Db, orgId: string, ids: string[]): Promise<StoredContact[]> {
  if (!ids.length) return [];
  return tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), inArray(contacts.id, ids)));
}

export interface ContactWrite extends ContactFields {
  id: string;
  customerId: string;
  docs: { main: string; phones: string; emails: string; text: string };
}

const CONTACTS: BulkTable = {
  table: 'contacts',
  profile: [
    ['customer_id', 'uuid'],
    ['name', 'text'],
    ['title', 'text'],
    ['phones', 'text[]'],
    ['emails', 'text[]'],
    ['wechat_id', 'text'],
    ['decision_role', 'text'],
    ['birthday', 'text'],
    ['birthday_lunar', 'boolean'],
    ['hobbies', 'text'],
    ['family_notes', 'text'],
    ['is_key_person', 'boolean'],
    ['notes', 'text'],
    ['custom_fields', 'jsonb'],
  ],
};

function json(rows: ContactWrite[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      customer_id: r.customerId,
      name: r.name,
      title: r.title,
      phones: r.phones,
      emails: r.emails,
      wechat_id: r.wechatId,
      decision_role: r.decisionRole,
      birthday: r.birthday,
      birthday_lunar: r.birthdayLunar,
      hobbies: r.hobbies,
      family_notes: r.familyNotes,
      is_key_person: r.isKeyPerson,
      notes: r.notes,
      custom_fields: r.customFields,
      doc_main: r.docs.main,
      doc_phones: r.docs.phones,
      doc_emails: r.docs.emails,
      doc_text: r.docs.text,
    })),
  );
}

export async function insertContacts(
  tx: Db,
  orgId: string,
  rows: ContactWrite[],
  who: { userId: string; now: Date },
) {
  if (rows.length) await insertRecords(tx, CONTACTS, orgId, json(rows), who);
}

export async function updateContacts(
  tx: Db,
  orgId: string,
  rows: ContactWrite[],
  who: { userId: string; now: Date },
): Promise<Map<string, number>> {
  return rows.length ? updateRecords(tx, CONTACTS, orgId, json(rows), who) : new Map();
}

export async function undoState(tx: Db, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  const rows = await tx
    .select({
      id: contacts.id,
      name: contacts.name,
      customerId: contacts.customerId,
      version: contacts.version,
      deletedAt: contacts.deletedAt,
      hasDependents: sql<boolean>`exists (select 1 from ${interactions} x where x.org_id = ${contacts.orgId} and x.contact_id = ${contacts.id})
        or exists (select 1 from ${tasks} x where x.org_id = ${contacts.orgId} and x.contact_id = ${contacts.id})`,
    })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), inArray(contacts.id, ids)));
  return rows.map((r) => ({
    ...r,
    hasDependents: r.hasDependents === true || (r.hasDependents as unknown) === 't',
  }));
}

export async function hardDeleteContacts(tx: Db, orgId: string, ids: string[]) {
  if (ids.length) await tx.delete(contacts).where(and(eq(contacts.orgId, orgId), inArray(contacts.id, ids)));
}
