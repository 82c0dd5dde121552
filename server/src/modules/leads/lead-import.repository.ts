// Set-based reads and writes for lead imports.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { pgArray } from '../../db/arrays.ts';
import type { Actor } from '../access/index.ts';
import { searchVector, type SearchDocs } from '../customers/index.ts';
import { leads } from './leads.table.ts';
import { leadsVisibleTo } from './leads.repository.ts';
import type { LeadFields } from './lead-input.ts';

const stored = {
  id: leads.id,
  version: leads.version,
  deletedAt: leads.deletedAt,
  status: leads.status,
  name: leads.name,
  company: leads.company,
  title: leads.title,
  phones: leads.phones,
  emails: leads.emails,
  wechat: leads.wechat,
  country: leads.country,
  province: leads.province,
  city: leads.city,
  address: leads.address,
  website: leads.website,
  channel: leads.channel,
  campaign: leads.campaign,
  productInterest: leads.productInterest,
  language: leads.language,
  notes: leads.notes,
  tags: leads.tags,
  customFields: leads.customFields,
};
export type StoredLead = Awaited<ReturnType<typeof undoState>>[number];

/** Live leads the actor sees with one of these emails, or a phone with one of these digit strings. */
export async function leadsByKeys(tx: Db, actor: Actor, emails: string[], phoneDigits: string[]) {
  if (!emails.length && !phoneDigits.length) return [];
  return tx
    .select(stored)
    .from(leads)
    .where(
      and(
        eq(leads.orgId, actor.orgId),
        isNull(leads.deletedAt),
        leadsVisibleTo(actor),
        sql`(${leads.emails} && ${pgArray(emails)}::text[]
          or exists (select 1 from unnest(${leads.phones}) p where regexp_replace(p, '\\D', '', 'g') = any(${pgArray(phoneDigits)}::text[])))`,
      ),
    );
}

export async function updateLeadFields(
  tx: Db,
  orgId: string,
  rows: { id: string; fields: LeadFields; docs: SearchDocs }[],
  who: { userId: string; now: Date },
): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  for (const r of rows) {
    const [row] = await tx
      .update(leads)
      .set({
        ...r.fields,
        searchTsv: searchVector(r.docs) as unknown as string,
        searchText: r.docs.text,
        version: sql`${leads.version} + 1`,
        updatedAt: who.now,
        updatedBy: who.userId,
      })
      .where(and(eq(leads.orgId, orgId), eq(leads.id, r.id)))
      .returning({ version: leads.version });
    if (row) versions.set(r.id, row.version);
  }
  return versions;
}

export async function undoState(tx: Db, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  return tx
    .select(stored)
    .from(leads)
    .where(and(eq(leads.orgId, orgId), inArray(leads.id, ids)));
}

export async function hardDeleteLeads(tx: Db, orgId: string, ids: string[]) {
  if (ids.length) await tx.delete(leads).where(and(eq(leads.orgId, orgId), inArray(leads.id, ids)));
}
