import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { forbidden } from '../../lib/errors.ts';
import { can } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { startOfLocalDay } from '../customers/index.ts';
import { notify } from '../notifications/index.ts';
import { findOrg, lockOrgSettings, setOrgSetting } from '../orgs/index.ts';
import * as jobs from './task-jobs.repository.ts';
import { insertAutoTasks } from './tasks.repository.ts';
import { greetingSettingsOf, planGreetings, type GreetingSettings } from './greetings.ts';

const SETTING = 'greetings';
/** Greeting tasks fall due at 09:00 local time on the day. */
const DUE_HOUR_MS = 9 * 3_600_000;
const CHUNK = 500;

/**
 * The daily `tasks.greetings` job: in every organisation (or only `orgId`), greeting tasks for
 * the holidays and key-person birthdays of the next `daysAhead` days, counted in its time zone.
 * auto_key makes it idempotent; each owner gets one notice about their new greeting tasks.
 */
export async function createGreetingTasks(
  db: Db,
  now: Date,
  opts: { orgId?: string | null } = {},
): Promise<{ orgs: number; created: number }> {
  const result = { orgs: 0, created: 0 };
  for (const org of await jobs.listOrgs(db, opts.orgId)) {
    const settings = greetingSettingsOf(org.settings[SETTING]);
    if (!settings.enabled) continue;
    result.orgs++;
    result.created += await withTenant(db, org.id, async (tx) => {
      const plans = planGreetings({
        now,
        timeZone: org.timeZone,
        locale: org.locale === 'en' ? 'en' : 'zh-CN',
        settings,
        customers: settings.holidays.length ? await jobs.greetingCustomers(tx, org.id, settings.grades) : [],
        contacts: await jobs.birthdayContacts(tx, org.id),
      });
      const newByOwner = new Map<string, number>();
      let created = 0;
      for (let i = 0; i < plans.length; i += CHUNK) {
        const chunk = plans.slice(i, i + CHUNK);
        const inserted = await insertAutoTasks(
          tx,
          chunk.map((p) => ({
            id: newId(),
            orgId: org.id,
            title: p.title,
            kind: 'greeting' as const,
            dueAt: new Date(startOfLocalDay(p.date, org.timeZone).getTime() + DUE_HOUR_MS),
            assigneeId: p.assigneeId,
            customerId: p.customerId,
            contactId: p.contactId,
            relatedType: p.reason,
            autoKey: p.autoKey,
            createdAt: now,
            updatedAt: now,
          })),
        );
        for (const t of inserted) newByOwner.set(t.assigneeId, (newByOwner.get(t.assigneeId) ?? 0) + 1);
        created += inserted.length;
      }
      await notify(
        tx,
        [...newByOwner].map(([userId, count]) => ({
          orgId: org.id,
          userId,
          kind: 'greeting',
          params: { count },
          link: '/tasks?tab=week&kind=greeting',
        })),
      );
      return created;
    });
  }
  return result;
}

export async function getGreetingSettings(ctx: Ctx): Promise<GreetingSettings> {
  if (!can(ctx.actor, 'tasks', 'read')) throw forbidden('tasks', 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) =>
    greetingSettingsOf((await findOrg(tx, ctx.actor.orgId))?.settings[SETTING]),
  );
}

/** Organisation administration: the same right as editing roles. */
export async function putGreetingSettings(ctx: Ctx, body: GreetingSettings): Promise<GreetingSettings> {
  if (!can(ctx.actor, 'roles', 'update')) throw forbidden('roles', 'update');
  const next = greetingSettingsOf({
    ...body,
    holidays: [...new Set(body.holidays)],
    grades: [...new Set(body.grades.map((g) => g.trim()).filter(Boolean))],
  });
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = greetingSettingsOf((await lockOrgSettings(tx, ctx.actor.orgId))?.[SETTING]);
    await setOrgSetting(tx, ctx.actor.orgId, SETTING, next);
    await audit(tx, ctx, 'orgs', ctx.actor.orgId, 'update', [
      { field: 'settings.greetings', old: before, new: next },
    ]);
    return next;
  });
}
