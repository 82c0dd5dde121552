import { describe, expect, it } from 'vitest';
import { fieldPath } from '../../ui/errors';
import {
  customerFieldTarget,
  duplicateQuery,
  formatMoney,
  initialValues,
  toCreateBody,
  toUpdateBody,
} from './customer-form';
import type { Customer } from './customers.api';

const customer: Customer = {
  id: 'c1',
  version: 4,
  createdAt: '2026-01-01T00:00:00+08:00',
  createdBy: null,
  updatedAt: '2026-01-01T00:00:00+08:00',
  updatedBy: null,
  kind: 'company',
  name: '深圳市华强电子科技有限公司',
  shortName: null,
  code: null,
  phones: ['139****5678'],
  emails: [],
  creditCode: null,
  country: null,
  province: '440000',
  provinceName: '广东省',
  city: '440300',
  cityName: '深圳市',
  district: null,
  districtName: null,
  address: null,
  website: null,
  industry: null,
  type: null,
  source: null,
  sourceDetail: null,
  mainProducts: null,
  lifecycleStatus: 'prospect',
  relationshipLevel: null,
  paymentTerms: null,
  creditLimit: { amount: '50000.00', currency: 'CNY' },
  creditRating: null,
  grade: null,
  ownerId: 'u1',
  ownerName: '张伟',
  teamId: null,
  departmentId: null,
  ownerAssignedAt: null,
  tags: ['重点'],
  customFields: {},
  keyAccount: { history: null, operatingModel: null, honours: null, achievements: null },
  mergedIntoId: null,
};

describe('customer form bodies', () => {
  it('a create body leaves out blanks and sends the credit limit as a string with its currency', () => {
    expect(
      toCreateBody({
        ...initialValues(undefined, 'u1'),
        name: ' 深圳市华强电子科技有限公司 ',
        phones: ['13912345678', '', undefined],
        emails: [' '],
        region: ['440000', '440300', '440304'],
        creditLimit: { amount: '1,234.5', currency: 'USD' },
        keyAccount: { history: '  ' },
      }),
    ).toEqual({
      kind: 'company',
      name: '深圳市华强电子科技有限公司',
      phones: ['13912345678'],
      country: 'CN',
      province: '440000',
      city: '440300',
      district: '440304',
      lifecycleStatus: 'prospect',
      creditLimit: { amount: '1234.5', currency: 'USD' },
      ownerId: 'u1',
    });
  });

  it('an untouched edit sends only the version, masked phones and an equal amount included', () => {
    const values = initialValues(customer, 'u9');
    expect(toUpdateBody(customer, { ...values, creditLimit: { amount: '50000', currency: 'CNY' } })).toEqual({
      version: 4,
    });
  });

  it('sends the changed fields: a new region as a whole, cleared grade, key-account text', () => {
    const values = initialValues(customer, 'u9');
    const body = toUpdateBody(customer, {
      ...values,
      region: ['440000', '440300', '440305'],
      lifecycleStatus: 'active',
      tags: ['重点', '华南'],
      creditLimit: { amount: '', currency: 'CNY' },
      keyAccount: { ...values.keyAccount, honours: '国家高新技术企业' },
    });
    expect(body).toEqual({
      version: 4,
      province: '440000',
      city: '440300',
      district: '440305',
      lifecycleStatus: 'active',
      tags: ['重点', '华南'],
      creditLimit: null,
      keyAccount: { honours: '国家高新技术企业' },
    });
  });

  it('a masked phone list is not written back even when a number is added', () => {
    const values = initialValues(customer, 'u9');
    expect(toUpdateBody(customer, { ...values, phones: ['139****5678', '0755-83215678'] })).toEqual({
      version: 4,
    });
  });
});

describe('server errors on the customer form', () => {
  const target = (field: string) => customerFieldTarget(fieldPath(field));

  it('puts each issue on the field it names', () => {
    expect(target('phones[1]')).toEqual(['phones', 1]);
    expect(target('/emails/0')).toEqual(['emails', 0]);
    expect(target('city')).toEqual(['region']);
    expect(target('district')).toEqual(['region']);
    expect(target('creditLimit.amount')).toEqual(['creditLimit', 'amount']);
    expect(target('keyAccount.honours')).toEqual(['keyAccount', 'honours']);
    expect(target('creditCode')).toEqual(['creditCode']);
    expect(target('customFields.hairType')).toEqual(['customFields', 'hairType']);
  });

  it('leaves issues the form cannot show to the message bar', () => {
    expect(target('customFields')).toBeNull();
    expect(target('phones')).toBeNull();
    expect(target('teamId')).toBeNull();
  });
});

describe('duplicate warning as you type', () => {
  it('asks nothing until there is something worth checking', () => {
    expect(duplicateQuery({ kind: 'company', name: '华', phones: ['139'] }, undefined)).toBeNull();
  });

  it('checks the name, full phone numbers and emails, and leaves out the record being edited', () => {
    expect(
      duplicateQuery(
        {
          kind: 'company',
          name: ' 华强电子科技（深圳）有限公司 ',
          phones: ['13912345678', '139****5678', ''],
          emails: ['sales@hq.cn', 'sales@'],
        },
        'c1',
      ),
    ).toEqual({
      kind: 'company',
      name: '华强电子科技（深圳）有限公司',
      phones: ['13912345678'],
      emails: ['sales@hq.cn'],
      excludeId: 'c1',
    });
  });
});

describe('money', () => {
  it('groups thousands from the decimal string', () => {
    expect(formatMoney({ amount: '1234567.5', currency: 'CNY' })).toBe('¥1,234,567.50');
    expect(formatMoney({ amount: '99999999999999.99', currency: 'JPY' })).toBe('JPY 99,999,999,999,999.99');
    expect(formatMoney(null)).toBe('—');
  });
});

describe('custom field values', () => {
  it('a new customer sends the filled values only', () => {
    const values = {
      ...initialValues(undefined, 'me'),
      name: '自定义有限公司',
      customFields: { budget: 10, note: '  ', cuisines: [], openedOn: '2024-01-02' },
    };
    expect(toCreateBody(values).customFields).toEqual({ budget: 10, openedOn: '2024-01-02' });
  });

  it('an edit sends the changed keys, null for a cleared one', () => {
    const stored = { ...customer, customFields: { budget: 10, note: '旧' } };
    const values = { ...initialValues(stored, 'me'), customFields: { budget: 10, note: '', size: 'large' } };
    expect(toUpdateBody(stored, values).customFields).toEqual({ note: null, size: 'large' });
    expect(toUpdateBody(stored, initialValues(stored, 'me')).customFields).toBeUndefined();
  });
});
