import { v5 as uuidv5 } from 'uuid';
import { withTenant } from '../../db/tenant.ts';
import { newId } from '../../db/columns.ts';
import type { JobContext } from '../jobs/index.ts';
import { dedupeKeys, searchDocs, searchVector } from '../customers/index.ts';
import { customerExists, insertDemoRows, usersAtDomain, type DemoRows } from './demo.repository.ts';
import { demoCustomers, type DemoCustomer } from './demo-customers.ts';

const DAY = 86_400_000;
const BATCH = 250;

export interface ArchiveCounts {
  customers: number;
  contacts: number;
  interactions: number;
  tasks: number;
}

/** Deterministic per organisation, so a second run finds what the first one wrote. */
export const demoCustomerId = (orgId: string, index: number) =>
  uuidv5(`guanxi-demo-customer-${index}`, orgId);

type Owner = { id: string; teamId: string | null; departmentId: string | null };

function rowsOf(batch: DemoCustomer[], orgId: string, owners: Owner[], actor: string | null, now: number) {
  const rows: DemoRows = {
    customers: [],
    keys: [],
    owners: [],
    contacts: [],
    interactions: [],
    tasks: [],
    activity: [],
  };
  for (const c of batch) {
    const id = demoCustomerId(orgId, c.index);
    const owner = c.owner === null ? null : owners[c.owner]!;
    const worker = owner ?? owners[0]!;
    const createdAt = new Date(now - c.createdDaysAgo * DAY - (c.index % 600) * 60_000);
    const updatedAt = new Date(now - Math.floor(c.createdDaysAgo / 3) * DAY - (c.index % 300) * 60_000);
    const who = { createdAt, updatedAt, createdBy: actor, updatedBy: actor };
    const profile = {
      kind: c.kind,
      name: c.name,
      code: c.code,
      phones: c.phones,
      emails: c.emails,
      creditCode: c.creditCode,
    };
    const docs = searchDocs({ ...profile, shortName: null, contactNames: c.contacts.map((p) => p.name) });
    rows.customers.push({
      ...profile,
      ...who,
      orgId,
      id,
      province: c.province,
      city: c.city,
      district: c.district,
      address: c.address,
      industry: c.industry,
      type: c.type,
      source: c.source,
      lifecycleStatus: c.lifecycleStatus,
      grade: c.grade,
      tags: c.tags,
      creditLimit: c.creditLimit,
      creditLimitCurrency: c.creditLimit ? 'CNY' : null,
      ownerId: owner?.id ?? null,
      teamId: worker.teamId,
      departmentId: worker.departmentId,
      ownerAssignedAt: owner ? createdAt : null,
      searchTsv: searchVector(docs) as unknown as string,
      searchText: docs.text,
    });
    for (const k of dedupeKeys(profile, 'CN'))
      rows.keys.push({ orgId, customerId: id, kind: k.kind, value: k.value });
    if (owner)
      rows.owners.push({
        orgId,
        id: newId(),
        customerId: id,
        toOwnerId: owner.id,
        changedBy: actor,
        at: createdAt,
        reason: 'create',
      });
    const contactIds = c.contacts.map((p) => {
      const cid = newId();
      const d = searchDocs({ contactNames: [p.name], phones: p.phones, emails: p.emails });
      rows.contacts.push({
        ...p,
        ...who,
        orgId,
        id: cid,
        customerId: id,
        searchTsv: searchVector(d) as unknown as string,
        searchText: d.text,
      });
      return cid;
    });
    const lastByChannel: Record<string, string> = {};
    let last: { at: Date; channel: string } | null = null;
    for (const [n, x] of c.interactions.entries()) {
      const at = new Date(now - x.daysAgo * DAY - ((c.index * 7 + n * 131) % 540) * 60_000);
      rows.interactions.push({
        orgId,
        id: newId(),
        customerId: id,
        contactId: contactIds[x.contact] ?? null,
        channel: x.channel,
        occurredAt: at,
        subject: x.subject,
        content: x.content,
        outcome: x.outcome,
        userId: worker.id,
        createdAt: at,
        updatedAt: at,
        createdBy: worker.id,
        updatedBy: worker.id,
      });
      if (!lastByChannel[x.channel] || lastByChannel[x.channel]! < at.toISOString())
        lastByChannel[x.channel] = at.toISOString();
      if (!last || at > last.at) last = { at, channel: x.channel };
    }
    if (last)
      rows.activity.push({
        orgId,
        customerId: id,
        lastContactAt: last.at,
        lastContactChannel: last.channel,
        lastByChannel,
        // Every demo interaction is the owner's, so the follow-up clock is the last contact.
        lastFollowUpAt: owner ? last.at : null,
      });
    for (const t of c.tasks) {
      const dueAt = new Date(now + t.dueInDays * DAY + ((c.index % 8) + 9) * 3_600_000 - (now % DAY));
      rows.tasks.push({
        ...who,
        orgId,
        id: newId(),
        title: `${t.title}：${c.name}`,
        kind: t.kind,
        status: t.done ? 'done' : 'open',
        dueAt,
        assigneeId: worker.id,
        customerId: id,
        contactId: contactIds[0] ?? null,
        completedAt: t.done ? dueAt : null,
        completedBy: t.done ? worker.id : null,
      });
    }
  }
  return rows;
}

/**
 * The customer archive of the demo company, in batches of 250 customers, each batch one
 * transaction; a batch whose first customer exists is skipped, so a rerun (or a retried job)
 * only adds what is missing. Owners are the demo sales reps and managers.
 */
export async function seedDemoArchive(
  job: JobContext,
  orgId: string,
  domain: string,
  progress: (done: number, message: string) => Promise<void>,
): Promise<ArchiveCounts> {
  const users = await withTenant(job.db, orgId, (tx) => usersAtDomain(tx, orgId, domain));
  const owners = users.filter((u) => u.roleKey === 'sales' || u.roleKey === 'manager');
  if (!owners.length) throw new Error('demo.seed: no demo sales users');
  const all = demoCustomers(owners.length);
  const counts: ArchiveCounts = { customers: 0, contacts: 0, interactions: 0, tasks: 0 };
  const now = Date.now();
  for (let i = 0; i < all.length; i += BATCH) {
    if (await job.cancelled()) break;
    const batch = all.slice(i, i + BATCH);
    const first = demoCustomerId(orgId, batch[0]!.index);
    const rows = await withTenant(job.db, orgId, async (tx) => {
      if (await customerExists(tx, orgId, first)) return null;
      const built = rowsOf(batch, orgId, owners, job.createdBy, now);
      await insertDemoRows(tx, built);
      return built;
    });
    if (rows) {
      counts.customers += rows.customers.length;
      counts.contacts += rows.contacts.length;
      counts.interactions += rows.interactions.length;
      counts.tasks += rows.tasks.length;
    }
    await progress(i + batch.length, `客户 ${i + batch.length}/${all.length}`);
  }
  return counts;
}
