import { describe, expect, it } from 'vitest';
import { barOption, barsOf } from './chart-option';

describe('below-target chart', () => {
  it('puts the rep with most overdue customers on top', () => {
    const option = barOption(
      [
        { name: '李娜', count: 1 },
        { name: '张伟', count: 5 },
      ],
      '低于目标',
    );
    expect(option.yAxis.data).toEqual(['张伟', '李娜']);
    expect(option.series[0]!.data).toEqual([5, 1]);
    expect(option.series[0]!.name).toBe('低于目标');
  });

  it('labels a group without a name with the fallback', () => {
    expect(barsOf([{ teamName: null, count: 2 }], (r) => r.teamName, '未分组')).toEqual([
      { name: '未分组', count: 2 },
    ]);
  });
});
