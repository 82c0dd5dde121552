import { randomBytes } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { withTenant } from '../../db/tenant.ts';
import { newId } from '../../db/columns.ts';
import type { JobContext } from '../jobs/index.ts';
import { searchVector } from '../customers/index.ts';
import { leadDocs } from '../leads/index.ts';
import { defaultPipeline } from '../opportunities/index.ts';
import { insertAcquisitionRows, leadExists, usersAtDomain, type AcquisitionRows } from './demo.repository.ts';
import { DEMO_CUSTOMERS } from './demo-customers.ts';
import { demoCustomerId } from './demo-archive.service.ts';
import { demoLeads, demoMarketStats, demoOpportunities, type DemoLead } from './demo-acquisition.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface AcquisitionCounts {
  leads: number;
  opportunities: number;
  stageChanges: number;
  marketStats: number;
}

const demoId = (orgId: string, kind: string, index: number) => uuidv5(`guanxi-demo-${kind}-${index}`, orgId);

type Owner = { id: string; email: string; teamId: string | null; departmentId: string | null };
type Stage = { id: string; key: string | null; kind: string; probability: number };

/**
 * Leads from fairs and platforms, opportunities in every stage of the default pipeline with their
 * stage history, and market statistics — one transaction, skipped when the first demo lead exists.
 */
export async function seedDemoAcquisition(
  job: JobContext,
  orgId: string,
  domain: string,
): Promise<AcquisitionCounts> {
  const none = { leads: 0, opportunities: 0, stageChanges: 0, marketStats: 0 };
  return withTenant(job.db, orgId, async (tx) => {
    if (await leadExists(tx, orgId, demoId(orgId, 'lead', 0))) return none;
    const users = await usersAtDomain(tx, orgId, domain);
    const owners = users.filter((u) => u.roleKey === 'sales');
    if (!owners.length) return none;
    const now = new Date();
    const { pipeline, stages } = await defaultPipeline(tx, orgId, { userId: job.createdBy, now });
    const rows = acquisitionRows(orgId, owners, pipeline.id, stages, job.createdBy, now.getTime());
    await insertAcquisitionRows(tx, rows);
    return {
      leads: rows.leads.length,
      opportunities: rows.opportunities.length,
      stageChanges: rows.stageChanges.length,
      marketStats: rows.marketStats.length,
    };
  });
}

function leadRow(orgId: string, l: DemoLead, owner: Owner, actor: string | null, now: number) {
  const createdAt = new Date(now - l.createdDaysAgo * DAY - (l.index % 480) * 60_000);
  const contactedAt =
    l.contactedAfterDays === null
      ? null
      : new Date(createdAt.getTime() + l.contactedAfterDays * DAY + 2 * HOUR);
  const fields = {
    name: l.name,
    company: l.company,
    title: l.title,
    phones: l.phones,
    emails: l.emails,
    country: l.country,
    language: l.language,
    channel: l.channel,
    campaign: l.campaign,
    productInterest: l.productInterest,
    tags: l.tags,
  };
  const docs = leadDocs(fields);
  const qualified = l.status === 'qualified' || l.status === 'converted';
  return {
    ...fields,
    orgId,
    id: demoId(orgId, 'lead', l.index),
    formId: l.channel === 'websiteForm' ? demoId(orgId, 'form', 0) : null,
    status: l.status,
    disqualifyReason: l.disqualifyReason,
    ownerId: owner.id,
    teamId: owner.teamId,
    departmentId: owner.departmentId,
    assignedAt: createdAt,
    assignmentReason: 'rule' as const,
    firstContactDueAt: new Date(createdAt.getTime() + 24 * HOUR),
    firstContactedAt: contactedAt,
    escalatedAt:
      l.status === 'new' && createdAt.getTime() + 24 * HOUR < now
        ? new Date(createdAt.getTime() + 25 * HOUR)
        : null,
    manMoney: l.man.money as 'yes' | 'no' | 'unknown',
    manAuthority: l.man.authority as 'yes' | 'no' | 'unknown',
    manNeed: l.man.need as 'yes' | 'no' | 'unknown',
    qualifiedAt: qualified && contactedAt ? new Date(contactedAt.getTime() + DAY) : null,
    qualifiedBy: qualified ? owner.id : null,
    searchTsv: searchVector(docs) as unknown as string,
    searchText: docs.text,
    createdAt,
    updatedAt: contactedAt ?? createdAt,
    createdBy: actor,
    updatedBy: actor,
  };
}

/**
 * The assignment rules a trading company would set: fairs and platforms to the fair team in turn,
 * mainland leads to the South China team, the rest round-robin over every rep.
 */
function demoRules(orgId: string, owners: Owner[], actor: string | null): AcquisitionRows['rules'] {
  const teamOf = (login: string) => owners.find((o) => o.email.startsWith(`${login}@`))?.teamId ?? null;
  const meta = { orgId, createdBy: actor, updatedBy: actor };
  const rules: AcquisitionRows['rules'] = [];
  const fair = teamOf('wu.gang');
  const south = teamOf('huang.lei');
  if (fair)
    rules.push({
      ...meta,
      name: '展会与B2B平台线索 → 展会开发组',
      kind: 'channel',
      match: { channels: ['tradeFair', 'b2bPlatform'] },
      teamId: fair,
      position: rules.length + 1,
    });
  if (south)
    rules.push({
      ...meta,
      name: '国内线索 → 广州销售组',
      kind: 'region',
      match: { countries: ['CN'] },
      teamId: south,
      position: rules.length + 1,
    });
  rules.push({
    ...meta,
    name: '其余线索 → 全体业务员轮流',
    kind: 'roundRobin',
    match: {},
    assigneeIds: owners.map((o) => o.id),
    position: rules.length + 1,
  });
  return rules;
}

export function acquisitionRows(
  orgId: string,
  owners: Owner[],
  pipelineId: string,
  stages: Stage[],
  actor: string | null,
  now: number,
): AcquisitionRows {
  const byKey = new Map(stages.map((s) => [s.key, s]));
  const stageOf = (key: string) => {
    const s = byKey.get(key);
    if (!s) throw new Error(`demo: the default pipeline has no stage ${key}`);
    return s;
  };
  const leads = demoLeads(owners.length);
  const leadRows: AcquisitionRows['leads'] = leads.map((l) =>
    leadRow(orgId, l, owners[l.owner]!, actor, now),
  );
  const rows: AcquisitionRows = {
    forms: [
      {
        orgId,
        id: demoId(orgId, 'form', 0),
        name: '官网询盘表单',
        // Unguessable like any form's key: the demo's form is live on the instance.
        publicKey: randomBytes(18).toString('base64url'),
        fields: ['name', 'company', 'email', 'phone', 'country', 'productInterest', 'notes'],
        requiredFields: ['name', 'email'],
        defaults: { channel: 'websiteForm', campaign: '官网询盘表单' },
        submissions: leads.filter((l) => l.channel === 'websiteForm').length,
        createdBy: actor,
        updatedBy: actor,
      },
    ],
    rules: demoRules(orgId, owners, actor),
    leads: leadRows,
    opportunities: [],
    stageChanges: [],
    marketStats: [],
  };
  for (const o of demoOpportunities(leads, owners.length, DEMO_CUSTOMERS)) {
    const owner = owners[o.owner]!;
    const id = demoId(orgId, 'opportunity', o.index);
    const customerId = demoCustomerId(orgId, o.customer);
    const at = o.path.map((p, k) => new Date(now - p.daysAgo * DAY + k * HOUR));
    const last = o.path[o.path.length - 1]!;
    const stage = stageOf(last.stage);
    const closed = stage.kind !== 'open';
    rows.opportunities.push({
      orgId,
      id,
      name: o.name,
      customerId,
      leadId: o.lead === null ? null : demoId(orgId, 'lead', o.lead),
      pipelineId,
      stageId: stage.id,
      status: stage.kind as 'open' | 'won' | 'lost',
      amount: o.amount,
      currency: o.currency,
      probability: stage.probability,
      expectedCloseDate: new Date(at[at.length - 1]!.getTime() + o.expectedCloseInDays * DAY)
        .toISOString()
        .slice(0, 10),
      productInterest: o.productInterest,
      channel: o.channel,
      campaign: o.campaign,
      ownerId: owner.id,
      teamId: owner.teamId,
      departmentId: owner.departmentId,
      lostReason: o.lostReason,
      closedAt: closed ? at[at.length - 1]! : null,
      stageEnteredAt: at[at.length - 1]!,
      createdAt: at[0]!,
      updatedAt: at[at.length - 1]!,
      createdBy: owner.id,
      updatedBy: owner.id,
    });
    o.path.forEach((p, k) =>
      rows.stageChanges.push({
        orgId,
        id: newId(),
        opportunityId: id,
        pipelineId,
        fromStageId: k === 0 ? null : stageOf(o.path[k - 1]!.stage).id,
        toStageId: stageOf(p.stage).id,
        at: at[k]!,
        opportunityCreatedAt: at[0]!,
        by: owner.id,
        amount: o.amount,
        currency: o.currency,
      }),
    );
    if (o.lead !== null) {
      // The lead became this customer and opportunity.
      const lead = leadRows[o.lead]!;
      Object.assign(lead, {
        convertedAt: at[0]!,
        convertedBy: owner.id,
        convertedCustomerId: customerId,
        convertedOpportunityId: id,
        updatedAt: at[0]!,
      });
    }
  }
  // Converted leads beyond the opportunities' count became customers without an opportunity yet.
  leads.forEach((l, i) => {
    const row = leadRows[i]!;
    if (l.status !== 'converted' || row.convertedCustomerId) return;
    Object.assign(row, {
      convertedAt: row.updatedAt,
      convertedBy: row.ownerId,
      convertedCustomerId: demoCustomerId(orgId, (l.index * 7) % DEMO_CUSTOMERS),
    });
  });
  const lastYear = new Date(now).getUTCFullYear() - 1;
  for (const m of demoMarketStats(lastYear))
    rows.marketStats.push({
      orgId,
      id: newId(),
      ...m,
      currency: 'USD',
      source: '示例数据 Demo data',
      createdBy: actor,
      updatedBy: actor,
    });
  return rows;
}
