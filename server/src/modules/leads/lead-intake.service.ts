// The connector API for B2B platforms: a batch of inquiries, idempotent by (source, externalId).
import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { translateRule } from '../../i18n/messages.ts';
import { audit } from '../audit/index.ts';
import * as repo from './leads.repository.ts';
import { applyLeadInput, EMPTY_LEAD } from './lead-input.ts';
import {
  checkLeadDictionaries,
  ENTITY,
  insertNewLeads,
  requireLeads,
  type NewLead,
} from './leads.service.ts';
import type { IntakeBody } from './leads.schema.ts';

/**
 * Creates the leads not taken yet; a lead already taken (or repeated in the batch) is reported as
 * existing with its id, a lead with problems as failed with its index — the others are still
 * written. Channel defaults to b2bPlatform and the campaign to the source.
 */
export async function intakeLeads(ctx: Ctx, body: IntakeBody) {
  requireLeads(ctx, 'create');
  const orgId = ctx.actor.orgId;
  return withTenant(ctx.db, orgId, async (tx) => {
    const known = await repo.findExternal(
      tx,
      orgId,
      body.source,
      body.leads.map((l) => l.externalId),
    );
    const failed: { index: number; errors: { field: string; code: string; message: string }[] }[] = [];
    const existing: string[] = [];
    const fresh: { index: number; externalId: string; item: NewLead }[] = [];
    const inBatch = new Map<string, number>();
    for (const [index, raw] of body.leads.entries()) {
      const { externalId, ...profile } = raw;
      const stored = known.get(externalId);
      if (stored) {
        existing.push(stored);
        continue;
      }
      if (inBatch.has(externalId)) {
        existing.push(`#${inBatch.get(externalId)}`);
        continue;
      }
      const { fields, errors } = applyLeadInput(EMPTY_LEAD, {
        channel: 'b2bPlatform',
        campaign: body.source,
        ...profile,
      });
      errors.push(...(await checkLeadDictionaries(tx, orgId, ctx.now, fields)));
      if (errors.length) {
        failed.push({
          index,
          errors: errors.map((e) => ({
            field: e.field,
            code: e.code,
            message: translateRule(ctx.locale, e.code, e.field, e.params, ENTITY),
          })),
        });
        continue;
      }
      inBatch.set(externalId, fresh.length);
      fresh.push({
        index,
        externalId,
        item: { fields, externalSource: body.source, externalId },
      });
    }
    const ids = await insertNewLeads(
      tx,
      orgId,
      { userId: ctx.actor.userId, now: ctx.now },
      fresh.map((f) => f.item),
    );
    for (const id of ids) await audit(tx, ctx, ENTITY, id, 'create');
    // A repeat inside the batch is the lead its first occurrence created.
    const resolved = existing.map((e) => (e.startsWith('#') ? ids[Number(e.slice(1))]! : e));
    return { created: ids, existing: resolved, failed };
  });
}
