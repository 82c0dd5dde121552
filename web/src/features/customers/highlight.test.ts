import { describe, expect, it } from 'vitest';
import { phoneFragment, phoneSegments, textSegments } from './highlight';

describe('search highlights', () => {
  it('reads phone fragments with or without the country code', () => {
    expect(phoneFragment('5678')).toBe('5678');
    expect(phoneFragment('+86 139')).toBe('139');
    expect(phoneFragment('0086-139-1234')).toBe('1391234');
    expect(phoneFragment('hqdz')).toBeNull();
    expect(phoneFragment('12')).toBeNull();
    expect(phoneFragment('华强')).toBeNull();
  });

  it('marks the last four digits of a mobile number', () => {
    expect(phoneSegments('13912345678', '5678')).toEqual([
      { text: '1391234', match: false },
      { text: '5678', match: true },
    ]);
  });

  it('matches across separators in a landline', () => {
    expect(phoneSegments('0755-8321 5678', '83215678')).toEqual([
      { text: '0755-', match: false },
      { text: '8321 5678', match: true },
    ]);
  });

  it('leaves a phone that does not contain the fragment alone', () => {
    expect(phoneSegments('13800000000', '5678')).toEqual([{ text: '13800000000', match: false }]);
  });

  it('finds an email part regardless of case', () => {
    expect(textSegments('Sales@HuaQiang.cn', 'huaqiang')).toEqual([
      { text: 'Sales@', match: false },
      { text: 'HuaQiang', match: true },
      { text: '.cn', match: false },
    ]);
  });
});
