import { describe, expect, it } from 'vitest';
import { displayValue, isYmd, validateCustomFields, type FieldDef } from './custom-field-rules.ts';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const DEFS: FieldDef[] = [
  { key: 'budget', label: label('预算', 'Budget'), type: 'number', required: true, options: [] },
  { key: 'openedOn', label: label('开业日期', 'Opened on'), type: 'date', required: false, options: [] },
  { key: 'note', label: label('备注', 'Note'), type: 'text', required: false, options: [] },
  {
    key: 'size',
    label: label('规模', 'Size'),
    type: 'choice',
    required: false,
    options: [
      { key: 'small', label: label('小', 'Small') },
      { key: 'large', label: label('大', 'Large') },
    ],
  },
  {
    key: 'cuisines',
    label: label('菜系', 'Cuisines'),
    type: 'multiChoice',
    required: false,
    options: [
      { key: 'sichuan', label: label('川菜', 'Sichuan') },
      { key: 'cantonese', label: label('粤菜', 'Cantonese') },
    ],
  },
];

const codes = (r: { errors: { field: string; code: string }[] }) =>
  r.errors.map((e) => `${e.field}:${e.code}`);

describe('validateCustomFields', () => {
  it('normalises values: numbers as numbers, trimmed dates, multiChoice deduplicated', () => {
    const r = validateCustomFields(DEFS, {
      budget: '12000.5',
      openedOn: ' 2024-02-29 ',
      note: '  靠近地铁 ',
      size: 'large',
      cuisines: ['sichuan', 'sichuan', 'cantonese'],
    });
    expect(r.errors).toEqual([]);
    expect(r.values).toEqual({
      budget: 12000.5,
      openedOn: '2024-02-29',
      note: '靠近地铁',
      size: 'large',
      cuisines: ['sichuan', 'cantonese'],
    });
  });

  it.each([
    [{ budget: 'abc' }, 'customFields.budget:number'],
    [{ budget: 1, openedOn: '2023-02-29' }, 'customFields.openedOn:date'],
    [{ budget: 1, openedOn: '2023/01/01' }, 'customFields.openedOn:date'],
    [{ budget: 1, size: 'medium' }, 'customFields.size:choice'],
    [{ budget: 1, cuisines: ['hunan'] }, 'customFields.cuisines:choice'],
    [{ budget: 1, colour: 'red' }, 'customFields.colour:unknownField'],
    [{ note: 'x' }, 'customFields.budget:required'],
    [{ budget: '' }, 'customFields.budget:required'],
  ])('%j is refused as %s', (values, expected) => {
    expect(codes(validateCustomFields(DEFS, values))).toEqual([expected]);
  });

  it('names the field label in both languages for the message', () => {
    const [e] = validateCustomFields(DEFS, {}).errors;
    expect(e!.params).toEqual({ labels: { 'zh-CN': '预算', en: 'Budget' } });
  });

  it('a patch merges over the stored values and checks required fields on the result', () => {
    const stored = { budget: 5, note: '旧', legacy: 'kept' };
    const r = validateCustomFields(DEFS, { note: null, size: 'small' }, { partial: true, stored });
    expect(r.errors).toEqual([]);
    expect(r.values).toEqual({ budget: 5, size: 'small', legacy: 'kept' });
    const cleared = validateCustomFields(DEFS, { budget: null }, { partial: true, stored });
    expect(codes(cleared)).toEqual(['customFields.budget:required']);
  });
});

describe('isYmd and displayValue', () => {
  it('accepts only real calendar days', () => {
    expect(isYmd('2024-02-29')).toBe(true);
    expect(isYmd('2023-02-29')).toBe(false);
    expect(isYmd('2024-13-01')).toBe(false);
  });

  it('shows choices by their label in the reader language', () => {
    expect(displayValue(DEFS[3]!, 'large', 'zh-CN')).toBe('大');
    expect(displayValue(DEFS[4]!, ['sichuan', 'cantonese'], 'en')).toBe('Sichuan, Cantonese');
    expect(displayValue(DEFS[0]!, 12, 'en')).toBe('12');
    expect(displayValue(DEFS[0]!, undefined, 'en')).toBe('');
  });
});
