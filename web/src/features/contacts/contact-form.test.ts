import { describe, expect, it } from 'vitest';
import {
  birthdayOf,
  contactFieldTarget,
  formatBirthday,
  initialContactValues,
  lunarDayName,
  toCreateContactBody,
  toUpdateContactBody,
} from './contact-form';
import type { Contact } from './contacts.api';

const contact: Contact = {
  id: 'k1',
  version: 2,
  createdAt: '2026-01-01T00:00:00+08:00',
  createdBy: null,
  updatedAt: '2026-01-01T00:00:00+08:00',
  updatedBy: null,
  customerId: 'c1',
  customerName: '深圳市华强电子科技有限公司',
  name: '陈建国',
  title: '采购总监',
  phones: ['138****0001'],
  emails: [],
  wechatId: null,
  decisionRole: 'decision_maker',
  birthday: '1900-08-15',
  birthdayLunar: true,
  hobbies: null,
  familyNotes: null,
  isKeyPerson: true,
  notes: null,
  customFields: { age: 42, interests: ['tea'] },
};

describe('contact birthdays', () => {
  it('stores a lunar birthday without a known year under 1900', () => {
    expect(birthdayOf({ name: 'x', birthdayLunar: true, lunarMonth: 8, lunarDay: 15 })).toBe('1900-08-15');
    expect(birthdayOf({ name: 'x', birthdayLunar: true, lunarYear: 1985, lunarMonth: 1, lunarDay: 3 })).toBe(
      '1985-01-03',
    );
    expect(birthdayOf({ name: 'x', birthdayLunar: false, birthday: '1985-02-28' })).toBe('1985-02-28');
  });

  it('names lunar days the Chinese way', () => {
    expect([1, 10, 11, 15, 20, 21, 29, 30].map(lunarDayName)).toEqual([
      '初一',
      '初十',
      '十一',
      '十五',
      '二十',
      '廿一',
      '廿九',
      '三十',
    ]);
    expect(formatBirthday('1900-08-15', true, true)).toBe('农历八月十五');
    expect(formatBirthday('1985-12-08', true, true)).toBe('农历腊月初八（1985年）');
    expect(formatBirthday('1985-12-08', true, false)).toBe('Lunar 12-08 (1985)');
    expect(formatBirthday('1985-12-08', false, true)).toBe('1985-12-08');
  });
});

describe('contact form bodies', () => {
  it('a new contact carries its customer and leaves out blanks', () => {
    expect(
      toCreateContactBody({ name: ' 陈建国 ', phones: ['13800000001', ''], emails: [''], title: ' ' }, 'c1'),
    ).toEqual({ customerId: 'c1', name: '陈建国', phones: ['13800000001'] });
  });

  it('an untouched edit sends only the version', () => {
    expect(toUpdateContactBody(contact, initialContactValues(contact))).toEqual({ version: 2 });
  });

  it('switching a birthday from lunar to solar sends both fields', () => {
    const values = { ...initialContactValues(contact), birthdayLunar: false, birthday: '1985-09-20' };
    expect(toUpdateContactBody(contact, values)).toEqual({
      version: 2,
      birthday: '1985-09-20',
      birthdayLunar: false,
    });
  });

  it('custom fields: a new contact sends the filled ones, an edit only the changed keys (null clears)', () => {
    expect(
      toCreateContactBody(
        { name: '陈', customFields: { age: 30, hometown: ' 成都 ', note: '  ', interests: [] } },
        'c1',
      ).customFields,
    ).toEqual({ age: 30, hometown: '成都' });
    expect(toCreateContactBody({ name: '陈', customFields: { note: '' } }, 'c1')).not.toHaveProperty(
      'customFields',
    );
    const values = {
      ...initialContactValues(contact),
      customFields: { age: 42, interests: [], metOn: '2020-01-01' },
    };
    expect(toUpdateContactBody(contact, values)).toEqual({
      version: 2,
      customFields: { interests: null, metOn: '2020-01-01' },
    });
    expect(contactFieldTarget(['customFields', 'age'])).toEqual(['customFields', 'age']);
    expect(contactFieldTarget(['customFields'])).toBeNull();
  });
});
