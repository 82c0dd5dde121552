// The pool settings as the form edits them, and back; where the server's field errors land.
import type { FieldTargets } from '../../ui/errors';
import type { Grade, LifecycleStatus } from '../customers/customers.api';
import type { PoolSettings } from './pool.api';

export const GRADES: Grade[] = ['A', 'B', 'C'];
export const STATUSES: LifecycleStatus[] = ['prospect', 'active', 'dormant', 'lost'];
export const ANY = 'any';

export interface RuleValues {
  grade: Grade | typeof ANY;
  status: LifecycleStatus | typeof ANY;
  noFollowUpDays: number | null;
  noDealDays: number | null;
  warnDaysBefore: number | null;
}

export interface FormValues {
  enabled: boolean;
  capPerRep: number | null;
  coolDownDays: number | null;
  rules: RuleValues[];
}

export const NEW_RULE: RuleValues = {
  grade: ANY,
  status: ANY,
  noFollowUpDays: 30,
  noDealDays: null,
  warnDaysBefore: 3,
};

export function toForm(s: PoolSettings): FormValues {
  return {
    enabled: s.enabled,
    capPerRep: s.capPerRep,
    coolDownDays: s.coolDownDays,
    rules: s.rules.map((r) => ({
      grade: r.grade ?? ANY,
      status: r.status ?? ANY,
      noFollowUpDays: r.noFollowUpDays,
      noDealDays: r.noDealDays ?? null,
      warnDaysBefore: r.warnDaysBefore,
    })),
  };
}

/** Empty number boxes are sent as they are (null), so the server names the field that is missing. */
export function fromForm(v: FormValues): PoolSettings {
  return {
    enabled: v.enabled,
    capPerRep: v.capPerRep ?? null,
    coolDownDays: v.coolDownDays as number,
    rules: (v.rules ?? []).map((r) => ({
      grade: r.grade === ANY ? null : r.grade,
      status: r.status === ANY ? null : r.status,
      noFollowUpDays: r.noFollowUpDays as number,
      noDealDays: r.noDealDays ?? null,
      warnDaysBefore: r.warnDaysBefore as number,
    })),
  };
}

const TOP_FIELDS = ['enabled', 'capPerRep', 'coolDownDays'];
const RULE_FIELDS = ['grade', 'status', 'noFollowUpDays', 'noDealDays', 'warnDaysBefore'];

/** `rules[0].noFollowUpDays` lands on that rule's cell; the settings' own fields on theirs. */
export const poolFieldTargets: FieldTargets = (path) => {
  const [head, index, field] = path;
  if (typeof head === 'string' && TOP_FIELDS.includes(head) && path.length === 1) return [head];
  if (
    head === 'rules' &&
    typeof index === 'number' &&
    typeof field === 'string' &&
    RULE_FIELDS.includes(field)
  )
    return ['rules', index, field];
  return null;
};
