import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { can } from '../access/index.ts';
import { auditChange } from '../audit/index.ts';
import { activeDictionaryItems } from '../customization/index.ts';
import { createCustomer, dedupeKeys } from '../customers/index.ts';
import { createContact } from '../contacts/index.ts';
import { createOpportunityInTx } from '../opportunities/index.ts';
import { findLead, type LeadRow } from './leads.repository.ts';
import { leadSettings } from './lead-settings.repository.ts';
import { leadSnapshot, presentLead } from './lead-present.ts';
import * as repo from './lead-conversion.repository.ts';
import type { ConvertBody } from './lead-conversion.schema.ts';

/** The lead's channel as a customer source (the source dictionary is keyed by its Chinese words). */
const SOURCE_OF_CHANNEL: Record<string, string> = {
  tradeFair: '展会',
  b2bPlatform: 'B2B平台',
  websiteForm: '官网',
  referral: '转介绍',
  searchEngine: '搜索引擎',
  walkIn: '上门',
};

function need(ctx: Ctx, entity: string, action: 'create' | 'update'): void {
  if (!can(ctx.actor, entity, action)) throw forbidden(entity, action);
}

/** The conversion's refusals, in the order a user would fix them. */
function refuse(lead: LeadRow, requireQualification: boolean): void {
  if (lead.status === 'converted') throw new AppError('LEAD_ALREADY_CONVERTED');
  if (lead.status === 'disqualified') throw new AppError('LEAD_DISQUALIFIED');
  if (requireQualification && lead.status !== 'qualified') throw new AppError('LEAD_NOT_QUALIFIED');
}

/** An existing customer for the lead: the one named, else the matched one, else a duplicate by the archive's keys. */
async function existingCustomer(tx: Db, ctx: Ctx, lead: LeadRow, customerId: string | undefined) {
  if (customerId) {
    if (!(await repo.visibleCustomer(tx, ctx.actor, customerId)))
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'customerId', code: 'notFound' }]);
    return customerId;
  }
  if (lead.matchedCustomerId && (await repo.visibleCustomer(tx, ctx.actor, lead.matchedCustomerId)))
    return lead.matchedCustomerId;
  const keys = dedupeKeys(
    { kind: 'company', name: lead.company, phones: lead.phones, emails: lead.emails },
    lead.country ?? 'CN',
  );
  const found = (await repo.duplicateCustomers(tx, ctx.actor, keys)).find((d) => d.visible);
  // A duplicate outside the caller's scope is not reused: creating refuses it, naming its owner.
  return found?.customerId;
}

async function newCustomer(tx: Db, ctx: Ctx, lead: LeadRow): Promise<string> {
  need(ctx, 'customers', 'create');
  const mapped = SOURCE_OF_CHANNEL[lead.channel];
  const sources = mapped ? await activeDictionaryItems(tx, ctx.actor.orgId, ctx.now) : [];
  const source = sources.some((s) => s.dictionary === 'source' && s.key === mapped) ? mapped : null;
  const company = lead.company?.trim();
  const customer = await createCustomer(
    { ...ctx, db: tx },
    {
      kind: company ? 'company' : 'person',
      name: company || lead.name || '',
      phones: lead.phones,
      emails: lead.emails,
      country: lead.country,
      province: lead.province,
      city: lead.city,
      address: lead.address,
      website: lead.website,
      source,
      sourceDetail: lead.campaign,
      ownerId: lead.ownerId ?? ctx.actor.userId,
      lifecycleStatus: 'prospect',
    },
  );
  return customer.id;
}

/**
 * Converts a lead into customer + contact + opportunity in one transaction: the customer is the
 * one named, the lead's matched customer, or a duplicate found by the archive's keys — else a new
 * one from the lead (company → company, otherwise a person) owned by the lead's owner. The
 * contact comes from the lead's person; the opportunity from its channel, campaign and products.
 * The lead keeps the three links and becomes converted.
 */
export async function convertLead(ctx: Ctx, id: string, body: ConvertBody) {
  need(ctx, 'leads', 'update');
  const wantsOpportunity = body.opportunity !== null;
  if (wantsOpportunity) need(ctx, 'opportunities', 'create');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await repo.lockLead(tx, ctx.actor.orgId, id);
    const lead = await findLead(tx, ctx.actor, id);
    if (!lead) throw notFound('lead');
    refuse(lead, (await leadSettings(tx, ctx.actor.orgId)).requireQualification);

    const reused = await existingCustomer(tx, ctx, lead, body.customerId);
    const customerId = reused ?? (await newCustomer(tx, ctx, lead));

    let contactId: string | null = null;
    if (lead.name?.trim() && body.createContact !== false) {
      need(ctx, 'contacts', 'create');
      const contact = await createContact(
        { ...ctx, db: tx },
        {
          customerId,
          name: lead.name.trim(),
          title: lead.title,
          phones: lead.phones,
          emails: lead.emails,
          wechatId: lead.wechat,
        },
      );
      contactId = contact.id;
    }

    let opportunityId: string | null = null;
    if (wantsOpportunity) {
      const o = body.opportunity ?? {};
      const opportunity = await createOpportunityInTx(tx, ctx, {
        name: o.name ?? lead.company ?? lead.name ?? lead.campaign ?? lead.id,
        customerId,
        contactId,
        pipelineId: o.pipelineId,
        stageId: o.stageId,
        amount: o.amount,
        currency: o.currency,
        expectedCloseDate: o.expectedCloseDate,
        productInterest: lead.productInterest,
        channel: lead.channel,
        campaign: lead.campaign,
        ownerId: lead.ownerId ?? ctx.actor.userId,
        leadId: lead.id,
      });
      opportunityId = opportunity.id;
    }

    const done = await repo.markConverted(tx, ctx.actor.orgId, id, {
      convertedAt: ctx.now,
      convertedBy: ctx.actor.userId,
      convertedCustomerId: customerId,
      convertedContactId: contactId,
      convertedOpportunityId: opportunityId,
    });
    if (!done) throw new AppError('LEAD_ALREADY_CONVERTED');
    const after = (await findLead(tx, ctx.actor, id, { anyScope: true }))!;
    await auditChange(tx, ctx, 'leads', id, 'convert', leadSnapshot(lead), leadSnapshot(after));
    return {
      lead: presentLead(ctx.actor, after, ctx.now),
      customerId,
      contactId,
      opportunityId,
      reusedCustomer: reused !== undefined,
    };
  });
}
