import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { newId } from '../../db/columns.ts';
import { AppError } from '../../lib/errors.ts';
import { pgConstraint, pgErrorCode } from '../../lib/pg-error.ts';
import { BUILTIN_ROLES, CATALOG_ENTITIES_SETTING, ENTITY_KEYS, insertRoles } from '../access/index.ts';
import { insertUser } from '../users/index.ts';
import { insertAudit } from '../audit/index.ts';
import { hashPassword, isStrongEnough } from '../auth/index.ts';
import { countOrgs, insertOrg } from './orgs.repository.ts';

export interface NewOrg {
  name: string;
  adminName?: string;
  adminEmail: string;
  adminPassword: string;
  locale?: 'zh-CN' | 'en';
  isInstanceAdmin?: boolean;
  createdBy?: string | null;
}

/** Creates an organisation with its built-in roles and its first administrator, in one transaction. */
export async function createOrganisation(db: Db, input: NewOrg, now: Date) {
  if (!isStrongEnough(input.adminPassword))
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'adminPassword', code: 'weakPassword' }]);
  const orgId = newId();
  const passwordHash = await hashPassword(input.adminPassword);
  const locale = input.locale ?? 'zh-CN';
  return withTenant(db, orgId, async (tx) => {
    await insertOrg(tx, {
      id: orgId,
      name: input.name.trim(),
      locale,
      // Its built-in roles are made from today's catalog: a later sync adds only newer entities.
      settings: { [CATALOG_ENTITIES_SETTING]: [...ENTITY_KEYS] },
      createdAt: now,
    });
    const roleRows = await insertRoles(
      tx,
      BUILTIN_ROLES.map((r) => ({
        orgId,
        key: r.key,
        name: r.name[locale],
        permissions: r.permissions,
        dataScope: r.dataScope,
        fieldRules: r.fieldRules,
        isPortal: r.isPortal ?? false,
        builtin: true,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const adminRole = roleRows.find((r) => r.key === 'admin')!;
    const userId = await insertUser(tx, {
      orgId,
      name: input.adminName?.trim() || input.adminEmail.split('@')[0]!,
      email: input.adminEmail.trim(),
      passwordHash,
      roleId: adminRole.id,
      locale,
      isInstanceAdmin: input.isInstanceAdmin ?? false,
      createdAt: now,
      updatedAt: now,
    }).catch((e) => {
      if (pgErrorCode(e) === '23505' && pgConstraint(e) === 'users_email_idx')
        throw new AppError('EMAIL_TAKEN', { email: input.adminEmail }, [
          { field: 'adminEmail', code: 'taken' },
        ]);
      throw e;
    });
    await insertAudit(tx, {
      orgId,
      actorId: input.createdBy ?? null,
      actorKind: input.createdBy ? 'user' : 'system',
      entity: 'orgs',
      entityId: orgId,
      action: 'create',
      changes: [{ field: 'name', old: null, new: input.name }],
      at: now,
    });
    return { orgId, userId };
  });
}

export const needsSetup = async (db: Db) => (await countOrgs(db)) === 0;
