/**
 * Lead assignment, pure: who gets each new lead and by when it must be contacted (mission C3).
 *
 * Order for each lead without an owner:
 *  1. duplicate routing — a lead matching an existing customer that has an (active) owner goes
 *     to that owner: one customer, one owner;
 *  2. the first active rule, in position order, whose match fits the lead and which still has an
 *     active assignee; within the rule the lead goes round-robin over the assignees in a stable
 *     order, continuing from the rule's counter (so batch after batch every assignee gets the
 *     floor or the ceiling of N/k);
 *  3. the fallback owner (when active);
 *  4. else the lead stays unassigned (reason null) and is reported.
 * The first-contact deadline is now + firstContactHours.
 */
// The same shapes as leads.table.ts (pure code may not import tables; the type check keeps them equal).
export type LeadRuleKind = 'roundRobin' | 'region' | 'productLine' | 'language' | 'channel';
export interface LeadRuleMatch {
  countries?: string[];
  provinces?: string[];
  productLines?: string[];
  languages?: string[];
  channels?: string[];
  campaigns?: string[];
}

export type EngineReason = 'duplicate' | 'rule' | 'fallback';

export interface EngineRule {
  id: string;
  kind: LeadRuleKind;
  match: LeadRuleMatch;
  /** The rotation in its stable order: the rule's assigneeIds, or its team's members (sorted). */
  assigneeIds: readonly string[];
  rrCounter: number;
}

export interface EngineLead {
  id: string;
  country: string | null;
  province: string | null;
  productInterest: readonly string[];
  language: string | null;
  channel: string;
  campaign: string | null;
  /** The owner of the existing customer this lead matches, if any. */
  matchedOwnerId: string | null;
}

export interface EngineSettings {
  fallbackOwnerId: string | null;
  firstContactHours: number;
}

export interface LeadAssignment {
  leadId: string;
  ownerId: string | null;
  reason: EngineReason | null;
  ruleId: string | null;
  firstContactDueAt: Date;
}

export interface AssignmentPlan {
  assignments: LeadAssignment[];
  /** The new round-robin counter of every rule that assigned at least one lead. */
  counters: Map<string, number>;
  /** Leads no rule, no customer owner and no fallback owner could take. */
  unassigned: string[];
}

export const DEFAULT_FIRST_CONTACT_HOURS = 24;
const HOUR = 3_600_000;

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();
/** BCP 47 primary subtag: zh-CN → zh, en_US → en. */
export const primaryLanguage = (s: string | null | undefined) => norm(s).split(/[-_]/)[0] ?? '';

const some = (list: readonly string[] | undefined): list is readonly string[] => !!list && list.length > 0;

/**
 * Whether a rule's match fits a lead: every non-empty list of the match must hold the lead's
 * value (any overlap for product lines); empty lists match anything. So a 'region' rule matches
 * on country and province, a 'productLine' rule on product interest, a 'channel' rule on the
 * channel and optionally the campaign, and a 'roundRobin' rule on whatever its match restricts.
 */
export function ruleMatches(match: LeadRuleMatch, lead: EngineLead): boolean {
  if (some(match.countries) && !match.countries.some((c) => norm(c) === norm(lead.country))) return false;
  if (some(match.provinces) && !match.provinces.some((p) => norm(p) === norm(lead.province))) return false;
  if (some(match.productLines)) {
    const interest = new Set(lead.productInterest.map(norm));
    if (!match.productLines.some((p) => interest.has(norm(p)))) return false;
  }
  if (some(match.languages)) {
    const lang = primaryLanguage(lead.language);
    if (!lang || !match.languages.some((l) => primaryLanguage(l) === lang)) return false;
  }
  if (some(match.channels) && !match.channels.some((c) => norm(c) === norm(lead.channel))) return false;
  if (some(match.campaigns) && !match.campaigns.some((c) => norm(c) === norm(lead.campaign))) return false;
  return true;
}

/**
 * Plans the assignment of `leads` (all without an owner). `rules` are the active rules in
 * position order; `activeUserIds` the users who may own leads (a rule's inactive or deleted
 * assignees are skipped, an inactive customer owner or fallback owner is passed over).
 */
export function planAssignment(input: {
  rules: readonly EngineRule[];
  activeUserIds: ReadonlySet<string>;
  leads: readonly EngineLead[];
  settings: EngineSettings;
  now: Date;
}): AssignmentPlan {
  const { activeUserIds, settings, now } = input;
  const hours =
    Number.isFinite(settings.firstContactHours) && settings.firstContactHours > 0
      ? settings.firstContactHours
      : DEFAULT_FIRST_CONTACT_HOURS;
  const due = new Date(now.getTime() + hours * HOUR);
  const rules = input.rules.map((r) => ({
    rule: r,
    rotation: [...new Set(r.assigneeIds)].filter((id) => activeUserIds.has(id)),
    counter: r.rrCounter,
    used: false,
  }));
  const fallback =
    settings.fallbackOwnerId && activeUserIds.has(settings.fallbackOwnerId) ? settings.fallbackOwnerId : null;

  const assignments: LeadAssignment[] = [];
  const unassigned: string[] = [];
  for (const lead of input.leads) {
    const base = { leadId: lead.id, firstContactDueAt: due };
    if (lead.matchedOwnerId && activeUserIds.has(lead.matchedOwnerId)) {
      assignments.push({ ...base, ownerId: lead.matchedOwnerId, reason: 'duplicate', ruleId: null });
      continue;
    }
    const hit = rules.find((r) => r.rotation.length > 0 && ruleMatches(r.rule.match, lead));
    if (hit) {
      const ownerId = hit.rotation[hit.counter % hit.rotation.length]!;
      hit.counter++;
      hit.used = true;
      assignments.push({ ...base, ownerId, reason: 'rule', ruleId: hit.rule.id });
      continue;
    }
    if (fallback) {
      assignments.push({ ...base, ownerId: fallback, reason: 'fallback', ruleId: null });
      continue;
    }
    assignments.push({ ...base, ownerId: null, reason: null, ruleId: null });
    unassigned.push(lead.id);
  }
  const counters = new Map(rules.filter((r) => r.used).map((r) => [r.rule.id, r.counter]));
  return { assignments, counters, unassigned };
}

/** Which match lists a rule of each kind must fill in (a 'region' rule without a region matches nothing useful). */
export const KIND_REQUIRES: Record<LeadRuleKind, (keyof LeadRuleMatch)[]> = {
  roundRobin: [],
  region: ['countries', 'provinces'],
  productLine: ['productLines'],
  language: ['languages'],
  channel: ['channels', 'campaigns'],
};
