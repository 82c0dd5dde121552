// Pure: stored customer rows → what leaves the server (division names, money, masking, highlight).
import { fieldRule, maskValue, type Actor, type FieldRule } from '../access/index.ts';
import { EMPTY_KEY_ACCOUNT, type CustomerFields } from './customer-input.ts';
import { divisionByCode } from './divisions.ts';
import { highlight } from './search-terms.ts';

/** A customer row as the repository returns it. */
export interface CustomerRow extends CustomerFields {
  id: string;
  orgId: string;
  version: number;
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
  updatedBy: string | null;
  deletedAt: Date | null;
  ownerId: string | null;
  ownerName: string | null;
  teamId: string | null;
  departmentId: string | null;
  ownerAssignedAt: Date | null;
  mergedIntoId: string | null;
}

/** Masks (or hides) each value of a multi-valued field such as phones. */
export function maskList(rule: FieldRule | undefined, values: string[]): string[] {
  if (!rule) return values;
  return rule === 'hide' ? [] : values.map(maskValue);
}

export function divisionName(code: string | null): string | null {
  return code ? (divisionByCode(code)?.name ?? null) : null;
}

/** The profile fields of a row, nothing else: what merges and audit snapshots work on. */
export function fieldsOf(row: CustomerRow): CustomerFields {
  return {
    kind: row.kind,
    name: row.name,
    shortName: row.shortName,
    code: row.code,
    phones: row.phones,
    emails: row.emails,
    creditCode: row.creditCode,
    country: row.country,
    province: row.province,
    city: row.city,
    district: row.district,
    address: row.address,
    website: row.website,
    industry: row.industry,
    type: row.type,
    source: row.source,
    sourceDetail: row.sourceDetail,
    mainProducts: row.mainProducts,
    lifecycleStatus: row.lifecycleStatus,
    relationshipLevel: row.relationshipLevel,
    paymentTerms: row.paymentTerms,
    creditLimit: row.creditLimit,
    creditLimitCurrency: row.creditLimitCurrency,
    creditRating: row.creditRating,
    grade: row.grade,
    tags: row.tags,
    customFields: row.customFields ?? {},
    keyAccount: { ...EMPTY_KEY_ACCOUNT, ...row.keyAccount },
  };
}

/** The record in API shape, unmasked: also what the audit trail stores. */
export function customerRecord(row: CustomerRow) {
  const { creditLimit, creditLimitCurrency, ...fields } = fieldsOf(row);
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    ...fields,
    kind: row.kind,
    lifecycleStatus: row.lifecycleStatus as 'prospect' | 'active' | 'dormant' | 'lost',
    relationshipLevel: row.relationshipLevel as
      'transactional' | 'preferred' | 'partnership' | 'strategic' | null,
    grade: row.grade as 'A' | 'B' | 'C' | null,
    creditLimit:
      creditLimit === null ? null : { amount: creditLimit, currency: creditLimitCurrency ?? 'CNY' },
    ownerId: row.ownerId,
    teamId: row.teamId,
    departmentId: row.departmentId,
    mergedIntoId: row.mergedIntoId,
  };
}

/** What the audit trail records for a customer: the stored values, without bookkeeping. */
export function auditSnapshot(row: CustomerRow): Record<string, unknown> {
  const {
    id: _i,
    version: _v,
    createdAt: _ca,
    createdBy: _cb,
    updatedAt: _ua,
    updatedBy: _ub,
    ...rest
  } = customerRecord(row);
  return rest;
}

/** One customer for the caller: division names, owner name, field rules, and the match highlight in a search. */
export function presentCustomer(actor: Actor, row: CustomerRow, q?: string) {
  const r = customerRecord(row);
  return {
    ...r,
    phones: maskList(fieldRule(actor, 'customers', 'phones'), r.phones),
    emails: maskList(fieldRule(actor, 'customers', 'emails'), r.emails),
    provinceName: divisionName(r.province),
    cityName: divisionName(r.city),
    districtName: divisionName(r.district),
    ownerName: row.ownerName,
    ownerAssignedAt: row.ownerAssignedAt,
    ...(q ? { highlight: highlight(r.name, q) } : {}),
  };
}
