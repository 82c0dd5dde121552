import { describe, expect, it } from 'vitest';
import { applyLeadInput, EMPTY_LEAD } from './lead-input.ts';

describe('lead input', () => {
  it('takes the country from an international phone when the card names none', () => {
    const { fields, errors } = applyLeadInput(EMPTY_LEAD, {
      name: 'Maria Lopez',
      phones: ['+34 612 345 678'],
    });
    expect(errors).toEqual([]);
    expect(fields.country).toBe('ES');
  });

  it('keeps a country given, and a mainland mobile means China', () => {
    expect(
      applyLeadInput(EMPTY_LEAD, { name: 'John', country: 'us', phones: ['+1 415 555 0101'] }).fields.country,
    ).toBe('US');
    expect(applyLeadInput(EMPTY_LEAD, { name: '王伟', phones: ['13812345678'] }).fields.country).toBe('CN');
  });

  it('guesses nothing without a phone, or next to a mainland address', () => {
    expect(applyLeadInput(EMPTY_LEAD, { company: 'Rhein Import GmbH' }).fields.country).toBeNull();
    const r = applyLeadInput(EMPTY_LEAD, { name: '王伟', province: '广东省', phones: ['+34 612 345 678'] });
    expect(r.fields.country).toBeNull();
    expect(r.errors).toEqual([]);
  });

  it('names the field of a bad phone and still needs a name or a company', () => {
    const r = applyLeadInput(EMPTY_LEAD, { phones: ['12345'] });
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'required' },
        { field: 'phones[0]', code: 'phone' },
      ]),
    );
  });
});
