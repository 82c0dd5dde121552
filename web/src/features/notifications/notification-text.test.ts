import { describe, expect, it } from 'vitest';
import { KNOWN_KINDS, notificationMessage } from './notification-text';
import en from '../../i18n/locales/notifications.en.json';
import zhCN from '../../i18n/locales/notifications.zh-CN.json';

describe('notification text', () => {
  it('picks the sentence by kind and fills it from the params', () => {
    const m = notificationMessage({
      kind: 'taskAssigned',
      params: { title: '回访', by: '王经理', customerName: null },
    });
    expect(m.key).toBe('notifications.kinds.taskAssigned');
    expect(m.values).toMatchObject({ title: '回访', by: '王经理', customerName: '' });
  });

  it('shows times in local form and falls back for kinds it does not know', () => {
    const m = notificationMessage({ kind: 'somethingNew', params: { dueAt: '2026-06-10T02:00:00.000Z' } });
    expect(m.key).toBe('notifications.kinds.unknown');
    expect(String(m.values.dueAt)).toMatch(/^2026-06-1\d \d\d:\d\d$/);
  });
});

describe('every kind with a text', () => {
  it('is known, so no translated notification shows as "unknown"', () => {
    for (const catalogue of [en, zhCN]) {
      const kinds = Object.keys(catalogue.notifications.kinds).filter((k) => k !== 'unknown');
      expect(kinds.filter((k) => !KNOWN_KINDS.includes(k))).toEqual([]);
    }
  });
});
