import { withTenant } from '../../db/tenant.ts';
import { newId } from '../../db/columns.ts';
import type { JobContext } from '../jobs/index.ts';
import { departmentPath, insertDepartment, insertTeam } from '../org-structure/index.ts';
import { insertUser } from '../users/index.ts';
import { insertAudit } from '../audit/index.ts';
import { hashPassword } from '../auth/index.ts';
import { hasUsersAtDomain, roleIdsByKey } from './demo.repository.ts';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS, demoPhone } from './demo-data.ts';
import { DEMO_CUSTOMERS, DEMO_DUPLICATES } from './demo-customers.ts';
import { seedDemoArchive, type ArchiveCounts } from './demo-archive.service.ts';
import { seedDemoAcquisition, type AcquisitionCounts } from './demo-acquisition.service.ts';

export const demoDomain = (orgId: string) => `demo-${orgId.slice(-12)}.guanxi.test`;

export type DemoSeedResult = { users: number; skipped?: boolean } & ArchiveCounts & AcquisitionCounts;

/**
 * Job "demo.seed": fills an organisation with departments, teams, a user in every built-in
 * role, then a customer archive (demo-archive.service.ts), then leads, opportunities with their
 * stage history and market statistics (demo-acquisition.service.ts). Idempotent: the people are created
 * once per organisation (skipped if demo users exist) and archive batches already written are
 * skipped. Each phase is its own transaction, with progress reported between them.
 */
export async function seedDemoData(job: JobContext): Promise<DemoSeedResult> {
  if (!job.orgId) throw new Error('demo.seed needs an organisation');
  const orgId = job.orgId;
  const domain = demoDomain(orgId);
  const people = DEMO_DEPARTMENTS.length + DEMO_TEAMS.length + DEMO_USERS.length;
  const total = people + DEMO_CUSTOMERS + DEMO_DUPLICATES;
  const tenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(job.db, orgId, fn);

  const users = (await tenant((tx) => hasUsersAtDomain(tx, orgId, domain)))
    ? 0
    : await seedPeople(job, orgId, total);
  const archive = await seedDemoArchive(job, orgId, domain, (done, message) =>
    job.progress(people + done, total, message),
  );
  const acquisition = await seedDemoAcquisition(job, orgId, domain);
  await job.progress(total, total, 'leads & opportunities');
  const skipped = users === 0 && archive.customers === 0 && acquisition.leads === 0;
  return { users, ...archive, ...acquisition, ...(skipped ? { skipped } : {}) };
}

/** Departments, teams and the demo users; returns how many users it created. */
async function seedPeople(job: JobContext, orgId: string, total: number): Promise<number> {
  const domain = demoDomain(orgId);
  const tenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(job.db, orgId, fn);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  const meta = { orgId, createdAt: now, updatedAt: now, createdBy: job.createdBy, updatedBy: job.createdBy };

  const deptIds = await tenant(async (tx) => {
    const ids = new Map<string, { id: string; path: string }>();
    for (const d of DEMO_DEPARTMENTS) {
      const id = newId();
      const parent = d.parent ? ids.get(d.parent) : undefined;
      const path = departmentPath(parent?.path ?? null, id);
      await insertDepartment(tx, {
        ...meta,
        id,
        name: d.name,
        parentId: parent?.id ?? null,
        path,
        sortOrder: ids.size,
      });
      ids.set(d.key, { id, path });
    }
    return ids;
  });
  let done = DEMO_DEPARTMENTS.length;
  await job.progress(done, total, 'departments');

  const teamIds = await tenant(async (tx) => {
    const ids = new Map<string, string>();
    for (const t of DEMO_TEAMS) {
      const row = await insertTeam(tx, {
        ...meta,
        name: t.name,
        departmentId: deptIds.get(t.department)!.id,
      });
      ids.set(t.key, row.id);
    }
    return ids;
  });
  done += DEMO_TEAMS.length;
  await job.progress(done, total, 'teams');

  const roleId = await tenant((tx) => roleIdsByKey(tx, orgId));
  for (const [i, u] of DEMO_USERS.entries()) {
    await tenant(async (tx) => {
      const id = await insertUser(tx, {
        ...meta,
        name: u.name,
        email: `${u.pinyin}@${domain}`,
        phone: demoPhone(i),
        passwordHash,
        roleId: roleId.get(u.role)!,
        departmentId: deptIds.get(u.department)!.id,
        teamId: u.team ? teamIds.get(u.team)! : null,
      });
      await insertAudit(tx, {
        orgId,
        actorId: job.createdBy,
        actorKind: job.createdBy ? 'user' : 'system',
        entity: 'users',
        entityId: id,
        action: 'create',
        changes: [{ field: 'name', old: null, new: u.name }],
        at: now,
      });
    });
    await job.progress(++done, total, u.name);
  }
  return DEMO_USERS.length;
}
