import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { diffRecords, insertAudit } from '../audit/index.ts';
import { listOrgsLackingSetting, lockOrgSettings, setOrgSetting } from '../orgs/index.ts';
import { ENTITY_KEYS } from './permissions.ts';
import { CATALOG_ENTITIES_SETTING, planRoleSync } from './role-sync.ts';
import { bumpAuthEpochOfRole, lockBuiltinRoles, setRoleGrants } from './roles.repository.ts';

// Not exported from access/index.ts: it writes audit entries and reads organisations, both of
// which depend on access themselves. bootstrap.ts calls it once the schema is migrated.

export interface RoleSyncResult {
  /** Organisations whose list of introduced entities was brought up to date. */
  orgs: number;
  /** Built-in roles that gained permissions. */
  roles: number;
}

/**
 * Startup step: gives the built-in roles of every organisation the permissions of catalog
 * entities added since the organisation was created (templates in builtin-roles.ts), and
 * records in `orgs.settings.catalogEntities` which entities have been introduced. Entities
 * already introduced are never touched, so an administrator's edits stay. Idempotent; one
 * transaction per organisation, with its row locked, so two processes starting together
 * do the work once.
 */
export async function syncBuiltinRoles(db: Db, now = new Date()): Promise<RoleSyncResult> {
  const result: RoleSyncResult = { orgs: 0, roles: 0 };
  for (const orgId of await listOrgsLackingSetting(db, CATALOG_ENTITIES_SETTING, ENTITY_KEYS)) {
    const changed = await withTenant(db, orgId, async (tx) => {
      const settings = await lockOrgSettings(tx, orgId);
      if (!settings) return null;
      const recorded = settings[CATALOG_ENTITIES_SETTING];
      const plan = planRoleSync(await lockBuiltinRoles(tx, orgId), recorded);
      // Another process starting at the same time got here first.
      if (!plan.entities.length && Array.isArray(recorded)) return null;
      for (const change of plan.changes) {
        await setRoleGrants(tx, orgId, change.id, change.after, now);
        // What the role's users may do changed: their sessions end, as after an administrator's edit.
        await bumpAuthEpochOfRole(tx, orgId, change.id);
        await insertAudit(tx, {
          orgId,
          actorId: null,
          actorKind: 'system',
          entity: 'roles',
          entityId: change.id,
          action: 'update',
          changes: diffRecords({ ...change.before }, { ...change.after }),
          at: now,
        });
      }
      await setOrgSetting(tx, orgId, CATALOG_ENTITIES_SETTING, plan.introduced);
      return plan.changes.length;
    });
    if (changed === null) continue;
    result.orgs += 1;
    result.roles += changed;
  }
  return result;
}
