import { describe, expect, it } from 'vitest';
import {
  dedupeKeys,
  matchReasons,
  normaliseCompanyName,
  normaliseEmail,
  normalisePhone,
  parsePhone,
} from './dedupe.ts';

describe('company names are normalised to one duplicate key', () => {
  it.each([
    // legal-form suffixes
    ['某某科技有限公司', '某某科技'],
    ['某某科技股份有限公司', '某某科技'],
    ['某某科技有限责任公司', '某某科技'],
    ['某某科技一人有限责任公司', '某某科技'],
    ['某某贸易总公司', '某某贸易'],
    ['某某贸易公司', '某某贸易'],
    ['某某投资合伙企业（有限合伙）', '某某投资合伙企业'],
    // kept on purpose
    ['某某集团有限公司', '某某集团'],
    ['某某（集团）股份有限公司', '某某集团'],
    ['某某纸箱厂', '某某纸箱厂'],
    ['某某有限公司深圳分公司', '某某深圳分公司'],
    // province / city / district prefixes, full and short
    ['深圳市某某科技有限公司', '某某科技'],
    ['深圳某某科技有限公司', '某某科技'],
    ['广东省深圳市南山区某某科技有限公司', '某某科技'],
    ['广东某某电器有限公司', '某某电器'],
    ['上海市某某贸易有限公司', '某某贸易'],
    ['内蒙古伊利实业集团股份有限公司', '伊利实业集团'],
    ['延边朝鲜族自治州某某食品有限公司', '某某食品'],
    ['某某科技（深圳）有限公司', '某某科技'],
    ['阿里巴巴（中国）网络技术有限公司', '阿里巴巴网络技术'],
    // full-width / half-width, spaces and punctuation
    ['ＡＢＣ贸易有限公司', 'abc贸易'],
    ['深圳 某某 科技 有限公司', '某某科技'],
    ['【某某】商贸', '某某商贸'],
    ['某某科技 Co., Ltd.', '某某科技'],
    // English names
    ['Shenzhen Huawei Technologies Co., Ltd.', 'huaweitechnologies'],
    ['HUAWEI TECHNOLOGIES CO.,LTD', 'huaweitechnologies'],
    ['Huawei Technologies Company Limited', 'huaweitechnologies'],
    ['Apple Inc.', 'apple'],
    ['Microsoft Corporation', 'microsoft'],
    ['Acme, L.L.C.', 'acme'],
    ['Siemens AG', 'siemens'],
    ['Robert Bosch GmbH', 'robertbosch'],
    ['Smith & Co.', 'smith'],
    ["Xi'an Aircraft Industry Co Ltd", 'aircraftindustry'],
    ['Ｇｕａｎｇｚｈｏｕ Ｔｒａｄｉｎｇ Ｌｔｄ', 'trading'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseCompanyName(input)).toBe(expected);
  });

  it.each([
    ['深圳市', '深圳市'],
    ['北京', '北京'],
    ['有限公司', '有限公司'],
    ['Limited', 'limited'],
    ['Beijing', 'beijing'],
  ])('never reduces %s to nothing (→ %s)', (input, expected) => {
    expect(normaliseCompanyName(input)).toBe(expected);
  });

  it.each([
    ['某某集团有限公司', '某某有限公司'],
    ['某某有限公司深圳分公司', '某某有限公司'],
    ['某某电器厂', '某某电器有限公司'],
    ['中国银行', '银行'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(normaliseCompanyName(a)).not.toBe(normaliseCompanyName(b));
  });
});

describe('phone numbers are normalised to E.164', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['138-1234-5678', '+8613812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ['+8613812345678', '+8613812345678'],
    ['0086 13812345678', '+8613812345678'],
    ['86-13812345678', '+8613812345678'],
    ['8613812345678', '+8613812345678'],
    ['１３８１２３４５６７８', '+8613812345678'],
    ['tel:+86-138-1234-5678', '+8613812345678'],
    ['0755-12345678', '+8675512345678'],
    ['(0755)12345678', '+8675512345678'],
    ['（0755）12345678', '+8675512345678'],
    ['075512345678', '+8675512345678'],
    ['+86 (0)755 12345678', '+8675512345678'],
    ['+86-755-1234-5678', '+8675512345678'],
    ['010-12345678', '+861012345678'],
    ['021-5555-1234', '+862155551234'],
    ['0512-6512 3456', '+8651265123456'],
    ['400-800-8888', '+864008008888'],
    ['0755-12345678 转 123', '+8675512345678'],
    ['(020)88888888分机123', '+862088888888'],
    ['0755-12345678 ext. 12', '+8675512345678'],
    ['020 8888 8888#12', '+862088888888'],
    ['0755-12345678-123', '+8675512345678'],
    ['+1 650 253 0000', '+16502530000'],
    ['+852 2123 4567', '+85221234567'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s → %s', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  it.each([
    ['', 'empty'],
    ['abc', 'no digits'],
    ['12345', 'too short'],
    ['95555', 'a short service code'],
    ['0571-8888888', 'a 7-digit number where the city has 8'],
    ['1381234567', 'a mobile number one digit short'],
  ])('%s is not a phone number (%s)', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });

  it('reads a number without country code in the given region', () => {
    expect(normalisePhone('(650) 253-0000', 'US')).toBe('+16502530000');
  });

  it('splits a number into country code and national number, and names its region', () => {
    expect(parsePhone('0755-12345678')).toEqual({
      e164: '+8675512345678',
      countryCode: '86',
      nationalNumber: '75512345678',
      region: 'CN',
    });
    expect(parsePhone('+34 612 345 678')?.region).toBe('ES');
    expect(parsePhone('+1 415 555 0101')?.region).toBe('US');
  });
});

describe('email addresses', () => {
  it.each([
    ['Zhang.San@Example.COM', 'zhang.san@example.com'],
    ['  mailto:li@163.com ', 'li@163.com'],
    ['ｗａｎｇ＠ｑｑ．ｃｏｍ', 'wang@qq.com'],
    ['sales+fair@company.com.cn', 'sales+fair@company.com.cn'],
    ['用户@例子.中国', '用户@例子.中国'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });

  it.each(['', 'zhang', 'zhang@', '@example.com', 'a@b', 'a b@c.com', 'a@@b.com', '.a@b.com', 'a..b@c.com'])(
    '%j is not an email address',
    (raw) => {
      expect(normaliseEmail(raw)).toBeNull();
    },
  );
});

describe('duplicate keys', () => {
  it('gives a company every key it can be found under', () => {
    expect(
      dedupeKeys({
        kind: 'company',
        name: '深圳市某某科技有限公司',
        creditCode: '91350100m000100y43',
        phones: ['0755-12345678', '(0755)12345678', 'not a phone'],
        emails: ['Info@Example.com'],
      }),
    ).toEqual([
      { kind: 'name', value: '某某科技' },
      { kind: 'creditCode', value: '91350100M000100Y43' },
      { kind: 'phone', value: '+8675512345678' },
      { kind: 'email', value: 'info@example.com' },
    ]);
  });

  it('does not use a person’s name as a key: two 张伟 are two people', () => {
    expect(dedupeKeys({ kind: 'person', name: '张伟', phones: ['13812345678'] })).toEqual([
      { kind: 'phone', value: '+8613812345678' },
    ]);
  });

  it('ignores an invalid credit code and a name too short to tell companies apart', () => {
    expect(dedupeKeys({ name: 'A', creditCode: '91350100M000100Y44' })).toEqual([]);
  });

  it('names what two spellings of one customer share', () => {
    const a = { name: '深圳市某某科技有限公司', phones: ['+86 755 1234 5678'], emails: ['a@x.com'] };
    const b = { name: '某某科技（深圳）有限公司', phones: ['0755-12345678'], emails: ['b@x.com'] };
    expect(matchReasons(a, b)).toEqual([
      { kind: 'name', value: '某某科技' },
      { kind: 'phone', value: '+8675512345678' },
    ]);
  });

  it('finds no reason for two different customers', () => {
    expect(matchReasons({ name: '某某科技' }, { name: '某某贸易', phones: ['13812345678'] })).toEqual([]);
  });
});
