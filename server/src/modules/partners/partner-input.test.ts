import { describe, expect, it } from 'vitest';
import { normalisePartner } from './partner-input.ts';

describe('normalisePartner', () => {
  it('normalises phones and emails of the partner and its contacts', () => {
    const { set, errors } = normalisePartner({
      name: ' 顺丰速运 ',
      phone: '(021) 6123-4567',
      email: 'Service@SF-Express.com',
      contacts: [{ name: '王经理', phone: '+86 138 0013 8000', email: ' WANG@sf.cn ', wechat: 'wang_sf' }],
      tags: ['快递', '快递', ' 华东 '],
    });
    expect(errors).toEqual([]);
    expect(set).toMatchObject({
      name: '顺丰速运',
      phone: '+862161234567',
      email: 'service@sf-express.com',
      contacts: [
        { name: '王经理', title: null, phone: '+8613800138000', email: 'wang@sf.cn', wechat: 'wang_sf' },
      ],
      tags: ['快递', '华东'],
    });
  });

  it.each([
    [{ qualityRating: 0 }, 'qualityRating', 'rating'],
    [{ deliverySpeed: 6 }, 'deliverySpeed', 'rating'],
    [{ priceLevel: 2.5 }, 'priceLevel', 'rating'],
    [{ phone: '12345' }, 'phone', 'phone'],
    [{ email: 'not-an-email' }, 'email', 'email'],
    [{ contacts: [{ name: 'A' }, { name: 'B', email: 'b@' }] }, 'contacts[1].email', 'email'],
    [{ contacts: [{ name: 'A', phone: '000' }] }, 'contacts[0].phone', 'phone'],
    [{ contacts: [{ name: '  ' }] }, 'contacts[0].name', 'required'],
  ])('%j → %s %s', (input, field, code) => {
    expect(normalisePartner(input).errors).toEqual([{ field, code }]);
  });

  it('null clears a rating; ratings 1 and 5 are allowed', () => {
    expect(normalisePartner({ qualityRating: null, serviceLevel: 1, priceLevel: 5 })).toEqual({
      set: { qualityRating: null, serviceLevel: 1, priceLevel: 5 },
      errors: [],
    });
  });
});
