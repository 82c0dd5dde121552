import { and, eq, like } from 'drizzle-orm';
import { withTenant } from '../../db/tenant.ts';
import { newId } from '../../db/columns.ts';
import type { JobContext } from '../jobs/index.ts';
import { departmentPath, insertDepartment, insertTeam } from '../org-structure/index.ts';
import { insertUser } from '../users/index.ts';
import { roles } from '../access/access.table.ts';
import { users } from '../users/users.table.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { hashPassword } from '../auth/password.ts';
import { orgs } from '../orgs/orgs.table.ts';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS, demoPhone } from './demo-data.ts';

/**
 * Job "demo.seed": fills an organisation with departments, teams and a user in
 * every built-in role. Runs once per organisation (it stops if demo users exist).
 */
export async function seedDemoData(job: JobContext): Promise<{ users: number; skipped?: boolean }> {
  if (!job.orgId) throw new Error('demo.seed needs an organisation');
  const orgId = job.orgId;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const total = DEMO_DEPARTMENTS.length + DEMO_TEAMS.length + DEMO_USERS.length;
  let done = 0;
  return withTenant(job.db, orgId, async (tx) => {
    const [org] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId));
    const domain = `demo-${org!.id.slice(-12)}.guanxi.test`;
    const existing = await tx.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), like(users.email, `%@${domain}`))).limit(1);
    if (existing.length) return { users: 0, skipped: true };

    const now = new Date();
    const meta = { orgId, createdAt: now, updatedAt: now, createdBy: job.createdBy, updatedBy: job.createdBy };
    const deptIds = new Map<string, { id: string; path: string }>();
    for (const d of DEMO_DEPARTMENTS) {
      const id = newId();
      const parent = d.parent ? deptIds.get(d.parent) : undefined;
      const path = departmentPath(parent?.path ?? null, id);
      await insertDepartment(tx, { ...meta, id, name: d.name, parentId: parent?.id ?? null, path, sortOrder: deptIds.size });
      deptIds.set(d.key, { id, path });
      await job.progress(++done, total, d.name);
    }
    const teamIds = new Map<string, string>();
    for (const t of DEMO_TEAMS) {
      const row = await insertTeam(tx, { ...meta, name: t.name, departmentId: deptIds.get(t.department)!.id });
      teamIds.set(t.key, row.id);
      await job.progress(++done, total, t.name);
    }
    const roleRows = await tx.select({ id: roles.id, key: roles.key }).from(roles).where(eq(roles.orgId, orgId));
    const roleId = new Map(roleRows.map((r) => [r.key, r.id]));
    for (const [i, u] of DEMO_USERS.entries()) {
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
      await job.progress(++done, total, u.name);
    }
    return { users: DEMO_USERS.length, domain };
  });
}
