import { describe, expect, it } from 'vitest';
import {
  LEADING_PLACE_NAMES,
  citiesOf,
  districtsOf,
  findDivision,
  provinces,
  validateDivision,
} from './divisions.ts';

describe('finding a division', () => {
  it.each([
    ['440000', '440000', '广东省'],
    ['44', '440000', '广东省'],
    ['440300', '440300', '深圳市'],
    ['4403', '440300', '深圳市'],
    ['440305', '440305', '南山区'],
    ['440305000000', '440305', '南山区'],
    ['广东省', '440000', '广东省'],
    ['广东', '440000', '广东省'],
    ['深圳市', '440300', '深圳市'],
    ['深圳', '440300', '深圳市'],
    ['上海', '310000', '上海市'],
    ['内蒙古', '150000', '内蒙古自治区'],
    ['广西', '450000', '广西壮族自治区'],
    ['延边', '222400', '延边朝鲜族自治州'],
    ['吉林', '220000', '吉林省'], // the province wins over 吉林市 …
    ['吉林市', '220200', '吉林市'], // … unless the full city name is given
    ['海南', '460000', '海南省'], // not 海南藏族自治州
    ['１１０１０５', '110105', '朝阳区'],
    ['110100', '110100', '北京市'], // a municipality's city level carries its name, not 市辖区
    ['500200', '500100', '重庆市'], // 重庆's 县 level is folded into its one city
    ['东莞', '441900', '东莞市'],
    ['仙桃市', '429004', '仙桃市'],
  ])('%s → %s %s', (input, code, name) => {
    expect(findDivision(input)).toMatchObject({ code, name });
  });

  it.each([
    ['朝阳区', 'in Beijing and in Changchun'],
    ['南山区', 'in Shenzhen and in Hegang'],
    ['火星', 'not a place'],
    ['999999', 'not a code'],
    ['4', 'too short to be a code'],
    ['', 'empty'],
  ])('%s gives nothing (%s)', (input) => {
    expect(findDivision(input)).toBeNull();
  });

  it('narrows a shared name by parent', () => {
    expect(findDivision('朝阳区', { parentCode: '110000' })).toMatchObject({ code: '110105' });
    expect(findDivision('朝阳区', { parentCode: '2201' })).toMatchObject({ code: '220104' });
    expect(findDivision('吉林', { level: 'city' })).toMatchObject({ code: '220200' });
  });
});

describe('lists for the cascader', () => {
  it('has 31 mainland provinces', () => {
    const list = provinces();
    expect(list).toHaveLength(31);
    expect(list[0]).toMatchObject({ code: '110000', name: '北京市', shortName: '北京', parentCode: null });
  });

  it('shows one city per municipality, holding all its districts and counties', () => {
    expect(citiesOf('110000').map((c) => [c.code, c.name])).toEqual([['110100', '北京市']]);
    expect(citiesOf('500000').map((c) => c.code)).toEqual(['500100']);
    const chongqing = districtsOf('500100').map((d) => d.name);
    expect(chongqing).toContain('渝中区');
    expect(chongqing).toContain('城口县'); // under 5002 县 in the statistics data
  });

  it('lists Shenzhen’s districts in code order', () => {
    expect(districtsOf('440300').map((d) => d.name)).toEqual([
      '罗湖区',
      '福田区',
      '南山区',
      '宝安区',
      '龙岗区',
      '盐田区',
      '龙华区',
      '坪山区',
      '光明区',
    ]);
  });

  it.each(['441900', '442000', '460400', '620200'])('city %s has no district level', (code) => {
    expect(districtsOf(code)).toEqual([]);
  });

  it('lists county-level cities directly under their province', () => {
    expect(citiesOf('420000').map((c) => c.name)).toContain('省直辖县级行政区划');
    expect(districtsOf('429000').map((d) => d.name)).toEqual(['仙桃市', '潜江市', '天门市', '神农架林区']);
  });

  it('lists statistical functional zones after the real districts', () => {
    const shijiazhuang = districtsOf('130100');
    const zone = shijiazhuang.findIndex((d) => d.name === '石家庄高新技术产业开发区');
    expect(shijiazhuang[zone]).toMatchObject({ code: '130171', statistical: true });
    expect(shijiazhuang.slice(0, zone).every((d) => !d.statistical)).toBe(true);
  });

  it('gives nothing for a code of the wrong level', () => {
    expect(citiesOf('440300')).toEqual([]);
    expect(districtsOf('440000')).toEqual([]);
  });
});

describe('validating a province/city/district triple', () => {
  const gd = { code: '440000', name: '广东省' };
  const sz = { code: '440300', name: '深圳市' };
  const ns = { code: '440305', name: '南山区' };
  const bj = { code: '110000', name: '北京市' };
  const bjCity = { code: '110100', name: '北京市' };
  const cy = { code: '110105', name: '朝阳区' };

  it.each([
    ['official codes', { province: '440000', city: '440300', district: '440305' }, gd, sz, ns],
    ['full names', { province: '广东省', city: '深圳市', district: '南山区' }, gd, sz, ns],
    ['short names', { province: '广东', city: '深圳', district: '南山区' }, gd, sz, ns],
    ['a district code alone', { district: '440305' }, gd, sz, ns],
    ['a province and a district', { province: '广东', district: '南山区' }, gd, sz, ns],
    ['a city alone', { city: '深圳' }, gd, sz, null],
    ['a province alone', { province: '广东' }, gd, null, null],
    ['a municipality named twice', { province: '北京', city: '北京市', district: '朝阳区' }, bj, bjCity, cy],
    ['a municipality without city', { province: '北京市', district: '朝阳区' }, bj, bjCity, cy],
    ['the statistics’ 市辖区', { province: '北京', city: '市辖区', district: '110105' }, bj, bjCity, cy],
    [
      'the municipality code at city level',
      { province: '110000', city: '110000', district: '110105' },
      bj,
      bjCity,
      cy,
    ],
    ['empty strings', { province: '', city: ' ', district: null }, null, null, null],
  ])('accepts %s', (_label, input, province, city, district) => {
    expect(validateDivision(input)).toEqual({ ok: true, province, city, district });
  });

  it('accepts a county of Chongqing under the one Chongqing city', () => {
    expect(validateDivision({ province: '重庆', city: '重庆', district: '城口县' })).toEqual({
      ok: true,
      province: { code: '500000', name: '重庆市' },
      city: { code: '500100', name: '重庆市' },
      district: { code: '500229', name: '城口县' },
    });
  });

  it('accepts a city without districts named again at district level', () => {
    expect(validateDivision({ province: '广东', city: '东莞', district: '东莞市' })).toEqual({
      ok: true,
      province: gd,
      city: { code: '441900', name: '东莞市' },
      district: null,
    });
  });

  it('resolves 湖北省仙桃市 to the county-level city under the province', () => {
    expect(validateDivision({ province: '湖北', city: '仙桃' })).toEqual({
      ok: true,
      province: { code: '420000', name: '湖北省' },
      city: { code: '429000', name: '省直辖县级行政区划' },
      district: { code: '429004', name: '仙桃市' },
    });
  });

  it.each([
    ['an unknown province', { province: '火星' }, 'province', 'NOT_FOUND'],
    ['a city code given as province', { province: '440300' }, 'province', 'NOT_FOUND'],
    ['a city of another province', { province: '广东', city: '成都' }, 'city', 'MISMATCH'],
    ['a city code of another province', { province: '440000', city: '510100' }, 'city', 'MISMATCH'],
    ['an unknown city', { province: '广东', city: '火星市' }, 'city', 'NOT_FOUND'],
    ['a district of another city', { city: '深圳', district: '朝阳区' }, 'district', 'MISMATCH'],
    [
      'a district code of another city',
      { province: '广东', city: '深圳', district: '440106' },
      'district',
      'MISMATCH',
    ],
    ['a district name shared by two cities', { district: '朝阳区' }, 'district', 'AMBIGUOUS'],
    ['an unknown district', { province: '广东', city: '深圳', district: '高新区' }, 'district', 'NOT_FOUND'],
  ])('names the wrong field for %s', (_label, input, field, reason) => {
    expect(validateDivision(input)).toMatchObject({ ok: false, field, reason });
  });
});

describe('place names that may open a company name', () => {
  it('holds full and short province and city names, longest first', () => {
    for (const name of ['广东省', '广东', '深圳市', '深圳', '上海市', '上海', '延边', '南山区']) {
      expect(LEADING_PLACE_NAMES).toContain(name);
    }
    const lengths = LEADING_PLACE_NAMES.map((n) => n.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });

  it('leaves out short district names, generic ones and trade-name look-alikes', () => {
    for (const name of ['南山', '长安', '城区', '郊区', '阿里', '省直辖县级行政区划']) {
      expect(LEADING_PLACE_NAMES).not.toContain(name);
    }
  });
});
