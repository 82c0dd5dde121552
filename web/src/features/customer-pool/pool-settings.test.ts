import { describe, expect, it } from 'vitest';
import { fieldPath } from '../../ui/errors';
import { fromForm, poolFieldTargets, toForm } from './pool-settings';

const target = (field: string) => (poolFieldTargets as (p: (string | number)[]) => unknown)(fieldPath(field));

describe('pool settings form', () => {
  it('puts server field errors on the right cell', () => {
    expect(target('rules[0].noFollowUpDays')).toEqual(['rules', 0, 'noFollowUpDays']);
    expect(target('/rules/2/warnDaysBefore')).toEqual(['rules', 2, 'warnDaysBefore']);
    expect(target('capPerRep')).toEqual(['capPerRep']);
    expect(target('rules')).toBeNull();
    expect(target('rules[0].other')).toBeNull();
  });

  it('turns "any" into null and back', () => {
    const settings = {
      enabled: true,
      capPerRep: null,
      coolDownDays: 7,
      rules: [
        { grade: null, status: 'active' as const, noFollowUpDays: 30, noDealDays: null, warnDaysBefore: 3 },
        { grade: 'A' as const, status: null, noFollowUpDays: 60, noDealDays: 90, warnDaysBefore: 0 },
      ],
    };
    const form = toForm(settings);
    expect(form.rules[0]?.grade).toBe('any');
    expect(form.rules[1]?.status).toBe('any');
    expect(fromForm(form)).toEqual(settings);
  });
});
