import { api, type ListPage } from '../../api/client';
import type { User } from '../users/users.api';
import type { Team } from '../departments/departments.api';

export const RULE_KINDS = ['roundRobin', 'region', 'productLine', 'language', 'channel'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const MATCH_KEYS = [
  'countries',
  'provinces',
  'productLines',
  'languages',
  'channels',
  'campaigns',
] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];
export type RuleMatch = Partial<Record<MatchKey, string[]>>;

export interface LeadRule {
  id: string;
  version: number;
  name: string;
  position: number;
  kind: RuleKind;
  match: RuleMatch;
  assigneeIds: string[];
  assigneeNames: string[];
  teamId: string | null;
  teamName: string | null;
  rrCounter: number;
  active: boolean;
}

export interface RuleInput {
  name: string;
  kind: RuleKind;
  match: RuleMatch;
  assigneeIds: string[];
  teamId: string | null;
  active: boolean;
}

export interface LeadSettings {
  firstContactHours: number;
  fallbackOwnerId: string | null;
  requireQualification: boolean;
  escalate: boolean;
}

export const leadAssignmentKey = ['lead-assignment'] as const;
export const rulesKey = [...leadAssignmentKey, 'rules'] as const;
export const settingsKey = [...leadAssignmentKey, 'settings'] as const;

export const fetchLeadSettings = () => api.get<LeadSettings>('/lead-assignment/settings');
export const saveLeadSettings = (s: LeadSettings) => api.put<LeadSettings>('/lead-assignment/settings', s);

export const listRules = () => api.get<{ items: LeadRule[] }>('/lead-rules');
export const createRule = (input: RuleInput) => api.post<LeadRule>('/lead-rules', input);
export const updateRule = (id: string, version: number, input: Partial<RuleInput>) =>
  api.patch<LeadRule>(`/lead-rules/${id}`, { version, ...input });
export const deleteRule = (id: string) => api.delete(`/lead-rules/${id}`);
export const reorderRules = (ids: string[]) =>
  api.post<{ items: LeadRule[] }>('/lead-rules/reorder', { ids });

/** Active users (for assignees and the fallback owner); an organisation's sales force fits one page. */
export async function activeUsers(): Promise<User[]> {
  const page = await api.get<ListPage<User>>('/users', { status: 'active', limit: 200, sort: 'name' });
  return page.items;
}

export async function allTeams(): Promise<Team[]> {
  const page = await api.get<ListPage<Team>>('/teams', { limit: 200 });
  return page.items;
}

export async function provinceOptions(): Promise<{ value: string; label: string }[]> {
  const res = await api.get<{ items: { code: string; name: string }[] }>('/divisions', { parent: '' });
  return res.items.map((d) => ({ value: d.code, label: d.name }));
}

/** The ids in a new order: the rule at `index` moved one place up (-1) or down (+1). */
export function moved(ids: string[], index: number, by: -1 | 1): string[] {
  const to = index + by;
  if (to < 0 || to >= ids.length) return ids;
  const out = [...ids];
  [out[index], out[to]] = [out[to]!, out[index]!];
  return out;
}

/** What the form edits, without empty lists and without the rotation it does not use. */
export function ruleInput(values: {
  name: string;
  kind: RuleKind;
  match?: RuleMatch;
  rotation: 'users' | 'team';
  assigneeIds?: string[];
  teamId?: string | null;
  active?: boolean;
}): RuleInput {
  const match: RuleMatch = {};
  for (const key of MATCH_KEYS) {
    const list = (values.match?.[key] ?? []).map((v) => v.trim()).filter(Boolean);
    if (list.length) match[key] = list;
  }
  return {
    name: values.name.trim(),
    kind: values.kind,
    match,
    assigneeIds: values.rotation === 'users' ? (values.assigneeIds ?? []) : [],
    teamId: values.rotation === 'team' ? (values.teamId ?? null) : null,
    active: values.active ?? true,
  };
}
