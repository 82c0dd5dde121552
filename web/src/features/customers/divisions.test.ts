import { describe, expect, it } from 'vitest';
import { attachChildren, labelsOf, missingLevels, toOptions, type Division } from './divisions';

const provinces: Division[] = [
  { code: '440000', name: '广东省', level: 'province', hasChildren: true },
  { code: '110000', name: '北京市', level: 'province', hasChildren: true },
];
const cities: Division[] = [
  { code: '440300', name: '深圳市', level: 'city', hasChildren: true },
  { code: '441900', name: '东莞市', level: 'city', hasChildren: false },
];

describe('division tree', () => {
  it('a list filter that stops at the city makes cities leaves', () => {
    expect(toOptions(cities, 'city').map((o) => o.isLeaf)).toEqual([true, true]);
    expect(toOptions(cities, 'district').map((o) => o.isLeaf)).toEqual([false, true]);
  });

  it('hangs children under the right province without touching the others', () => {
    const tree = attachChildren(toOptions(provinces, 'district'), ['440000'], toOptions(cities, 'district'));
    expect(tree[0]?.children?.map((c) => c.label)).toEqual(['深圳市', '东莞市']);
    expect(tree[1]?.children).toBeUndefined();
  });

  it('knows which levels of a stored value still need loading, and names what is loaded', () => {
    const top = toOptions(provinces, 'district');
    expect(missingLevels(top, ['440000', '440300', '440305'])).toEqual([['440000']]);
    const withCities = attachChildren(top, ['440000'], toOptions(cities, 'district'));
    expect(missingLevels(withCities, ['440000', '440300', '440305'])).toEqual([['440000', '440300']]);
    expect(labelsOf(withCities, ['440000', '440300', '440305'])).toEqual(['广东省', '深圳市']);
  });
});
