import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { notify, type NewNotification } from '../notifications/index.ts';
import { insertAuditRows } from './lead-assignment.repository.ts';
import * as repo from './lead-escalation.repository.ts';
import { leadSettingsOf } from './lead-settings.repository.ts';

export const SLEEPING_LINK = '/leads?sleeping=true';

/**
 * The `leads.escalate` job: leads still new and never contacted past their first-contact
 * deadline are escalated once (escalated_at; a reassignment clears it): the owner's manager —
 * the team leader, else the department manager, else the organisation's administrators — and the
 * owner hear of them, one notice per person and run with the count and the first lead's name.
 * Idempotent: a second run finds nothing new. `now` is the clock (tests pass a fake one).
 */
export async function escalateSleepingLeads(
  db: Db,
  now: Date,
  opts: { orgId?: string | null; batchSize?: number } = {},
): Promise<{ escalated: number; notices: number }> {
  const batchSize = opts.batchSize ?? 1000;
  const result = { escalated: 0, notices: 0 };
  for (const org of await repo.listOrgsForEscalation(db, opts.orgId)) {
    if (!leadSettingsOf(org.settings).escalate) continue;
    for (;;) {
      const n = await withTenant(db, org.id, async (tx) => {
        const rows = await repo.sleepingLeads(tx, org.id, now, batchSize);
        if (!rows.length) return 0;
        const admins = rows.some((r) => !r.managerId) ? await repo.orgAdmins(tx, org.id) : [];
        const names = await repo.namesOf(tx, org.id, [
          ...new Set(rows.map((r) => r.ownerId).filter((id): id is string => !!id)),
        ]);
        // recipient → kind → the leads
        const byRecipient = new Map<string, { kind: string; leads: repo.SleepingLead[] }>();
        const add = (userId: string, kind: string, lead: repo.SleepingLead) => {
          const key = `${userId}|${kind}`;
          const entry = byRecipient.get(key) ?? { kind, leads: [] };
          entry.leads.push(lead);
          byRecipient.set(key, entry);
        };
        for (const lead of rows) {
          const managers = lead.managerId ? [lead.managerId] : admins;
          for (const m of managers) if (m !== lead.ownerId) add(m, 'leadsEscalated', lead);
          if (lead.ownerId) add(lead.ownerId, 'leadsSleeping', lead);
        }
        const notices: NewNotification[] = [...byRecipient].map(([key, { kind, leads }]) => {
          const userId = key.split('|')[0]!;
          const owners = [
            ...new Set(leads.map((l) => (l.ownerId ? names.get(l.ownerId) : null)).filter(Boolean)),
          ];
          return {
            orgId: org.id,
            userId,
            kind,
            params: { count: leads.length, leadName: leads[0]!.label, owners: owners.join('、') || null },
            link: kind === 'leadsSleeping' ? `${SLEEPING_LINK}&ownerId=${userId}` : SLEEPING_LINK,
          };
        });
        await notify(tx, notices);
        await repo.markEscalated(
          tx,
          org.id,
          rows.map((r) => r.id),
          now,
        );
        await insertAuditRows(
          tx,
          rows.map((r) => ({
            id: newId(),
            orgId: org.id,
            actorId: null,
            actorKind: 'system' as const,
            entity: 'leads',
            entityId: r.id,
            action: 'escalate',
            changes: [{ field: 'escalatedAt', old: null, new: now.toISOString() }],
            at: now,
          })),
        );
        result.escalated += rows.length;
        result.notices += notices.length;
        return rows.length;
      });
      if (n < batchSize) break;
    }
  }
  return result;
}
