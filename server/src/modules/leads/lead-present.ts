// Pure: stored lead rows → what leaves the server (sleeping, next action, division names, masking).
import { fieldRule, type Actor } from '../access/index.ts';
import { divisionByCode, highlight, maskList } from '../customers/index.ts';
import type { LeadFields, LeadStatus } from './lead-input.ts';
import { isSleeping } from './lead-input.ts';
import { manNextAction, type ManAnswer } from './man.ts';

/** A lead row as the repository reads it (what presenting and snapshots need of it). */
export interface LeadRow extends LeadFields {
  id: string;
  deletedAt: Date | null;
  status: LeadStatus;
  disqualifyReason: string | null;
  ownerId: string | null;
  firstContactDueAt: Date | null;
  firstContactedAt: Date | null;
  manMoney: ManAnswer;
  manAuthority: ManAnswer;
  manNeed: ManAnswer;
}

export const ENTITY = 'leads';

const divisionName = (code: string | null) => (code ? (divisionByCode(code)?.name ?? null) : null);

export function presentLead<R extends LeadRow>(actor: Actor, row: R, now: Date, q?: string) {
  const { deletedAt: _d, ...rest } = row;
  return {
    ...rest,
    phones: maskList(fieldRule(actor, ENTITY, 'phones'), row.phones),
    emails: maskList(fieldRule(actor, ENTITY, 'emails'), row.emails),
    provinceName: divisionName(row.province),
    cityName: divisionName(row.city),
    sleeping: isSleeping(row, now),
    nextAction: manNextAction({ money: row.manMoney, authority: row.manAuthority, need: row.manNeed }),
    ...(q ? { highlight: highlight(row.name ?? row.company ?? '', q) } : {}),
  };
}

/** The profile fields of a row: what edits apply over and audit snapshots record. */
export function leadFieldsOf(row: LeadRow): LeadFields {
  return {
    name: row.name,
    company: row.company,
    title: row.title,
    phones: row.phones,
    emails: row.emails,
    wechat: row.wechat,
    country: row.country,
    province: row.province,
    city: row.city,
    address: row.address,
    website: row.website,
    channel: row.channel,
    campaign: row.campaign,
    productInterest: row.productInterest,
    language: row.language,
    notes: row.notes,
    tags: row.tags,
    customFields: row.customFields,
  };
}

/** The audit snapshot: profile, status and qualification, owner. */
export function leadSnapshot(row: LeadRow): Record<string, unknown> {
  return {
    ...leadFieldsOf(row),
    status: row.status,
    disqualifyReason: row.disqualifyReason,
    manMoney: row.manMoney,
    manAuthority: row.manAuthority,
    manNeed: row.manNeed,
    ownerId: row.ownerId,
  };
}
