import { describe, expect, it } from 'vitest';
import { auditRecordLabel } from './audit-log.api';

describe('audit record label', () => {
  it('uses the new name of a created or renamed record', () => {
    expect(
      auditRecordLabel({
        changes: [
          { field: 'email', old: null, new: 'li@example.cn' },
          { field: 'name', old: null, new: '李娜' },
        ],
      }),
    ).toBe('李娜');
  });

  it('falls back to the old value of a deleted record', () => {
    expect(auditRecordLabel({ changes: [{ field: 'name', old: '销售部', new: null }] })).toBe('销售部');
  });

  it('has no label when no name-like field changed', () => {
    expect(auditRecordLabel({ changes: [{ field: 'status', old: 'active', new: 'disabled' }] })).toBeNull();
  });
});
