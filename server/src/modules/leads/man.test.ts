import { describe, expect, it } from 'vitest';
import { MAN_ACTIONS, MAN_ACTION_TEXT, manNextAction, type ManAnswers } from './man.ts';

describe('MAN next action', () => {
  // money, authority, need → action: all eight known combinations.
  it.each([
    ['yes', 'yes', 'yes', 'proposeNow'],
    ['yes', 'no', 'yes', 'findDecisionMaker'],
    ['no', 'yes', 'yes', 'offerTerms'],
    ['yes', 'yes', 'no', 'nurtureNeed'],
    ['yes', 'no', 'no', 'educateAndFindDecisionMaker'],
    ['no', 'no', 'yes', 'findBudgetAndDecisionMaker'],
    ['no', 'yes', 'no', 'keepInTouch'],
    ['no', 'no', 'no', 'disqualifyOrNurture'],
  ] as const)('M=%s A=%s N=%s → %s', (money, authority, need, action) => {
    expect(manNextAction({ money, authority, need })).toBe(action);
  });

  it('gives eight different actions for the eight combinations', () => {
    const yn = ['yes', 'no'] as const;
    const seen = new Set<string>();
    for (const money of yn)
      for (const authority of yn) for (const need of yn) seen.add(manNextAction({ money, authority, need }));
    expect(seen.size).toBe(8);
    expect(seen.has('qualifyFirst')).toBe(false);
  });

  it('asks to qualify first while any answer is unknown', () => {
    const all = ['yes', 'no', 'unknown'] as const;
    for (const money of all)
      for (const authority of all)
        for (const need of all) {
          const a: ManAnswers = { money, authority, need };
          const unknown = [money, authority, need].includes('unknown');
          expect(manNextAction(a) === 'qualifyFirst', JSON.stringify(a)).toBe(unknown);
        }
  });

  it('has a Chinese and an English text for every action', () => {
    for (const key of MAN_ACTIONS) {
      expect(MAN_ACTION_TEXT.en[key]).toBeTruthy();
      expect(MAN_ACTION_TEXT['zh-CN'][key]).toBeTruthy();
    }
  });
});
