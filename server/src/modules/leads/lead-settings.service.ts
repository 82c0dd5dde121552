import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError } from '../../lib/errors.ts';
import { audit } from '../audit/index.ts';
import { activeLeadOwners } from './lead-assignment.repository.ts';
import {
  leadSettings,
  lockLeadSettings,
  saveLeadSettings,
  type LeadSettings,
} from './lead-settings.repository.ts';
import { requireLeadAssignment } from './lead-rules.service.ts';
import type { LeadSettingsBody } from './lead-rules.schema.ts';

export async function getLeadSettings(ctx: Ctx): Promise<LeadSettings> {
  requireLeadAssignment(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, (tx) => leadSettings(tx, ctx.actor.orgId));
}

/** Replaces the lead settings; the fallback owner must be an active user of the organisation. */
export async function putLeadSettings(ctx: Ctx, body: LeadSettingsBody): Promise<LeadSettings> {
  requireLeadAssignment(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await lockLeadSettings(tx, ctx.actor.orgId);
    if (
      body.fallbackOwnerId &&
      !(await activeLeadOwners(tx, ctx.actor.orgId)).some((u) => u.id === body.fallbackOwnerId)
    )
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'fallbackOwnerId', code: 'notActiveUser' }]);
    const next: LeadSettings = {
      firstContactHours: body.firstContactHours,
      fallbackOwnerId: body.fallbackOwnerId,
      requireQualification: body.requireQualification,
      escalate: body.escalate,
    };
    await saveLeadSettings(tx, ctx.actor.orgId, next);
    await audit(tx, ctx, 'orgs', ctx.actor.orgId, 'update', [
      { field: 'settings.leads', old: before, new: next },
    ]);
    return next;
  });
}
