import { describe, expect, it } from 'vitest';
import {
  type SearchFields,
  escapeLike,
  highlight,
  parseQuery,
  runSyllables,
  searchDocument,
  searchText,
  searchTokens,
} from './search-terms.ts';

/**
 * A small model of what PostgreSQL does with our strings: to_tsvector('simple')
 * of space-separated [a-z0-9]/Han tokens keeps each token as one lexeme, and
 * to_tsquery evaluates & | ( ) and :* prefixes; ILIKE patterns use % and \.
 * The integration tests run the same queries on PGlite and PostgreSQL.
 */
function matches(fields: SearchFields, q: string): boolean {
  const parsed = parseQuery(q);
  if (!parsed) return false;
  const lexemes = new Set(searchDocument(fields).split(' '));
  const text = searchText(fields);
  return evalTsquery(parsed.tsquery, lexemes) && parsed.likePatterns.every((p) => like(text, p));
}

function evalTsquery(query: string, lexemes: Set<string>): boolean {
  const tokens = query.match(/'(?:[^']|'')*'(?::\*)?|[&|()]/g) ?? [];
  let pos = 0;
  const operand = (): boolean => {
    const t = tokens[pos++]!;
    if (t === '(') {
      const v = or();
      pos++; // ')'
      return v;
    }
    const prefix = t.endsWith(':*');
    const value = t.slice(1, prefix ? -3 : -1).replace(/''/g, "'");
    return prefix ? [...lexemes].some((l) => l.startsWith(value)) : lexemes.has(value);
  };
  const and = (): boolean => {
    let v = operand();
    while (tokens[pos] === '&') {
      pos++;
      v = operand() && v;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (tokens[pos] === '|') {
      pos++;
      v = and() || v;
    }
    return v;
  };
  return or();
}

function like(text: string, pattern: string): boolean {
  const re = pattern.replace(/\\([\\%_])|([%_])|([^\\%_]+)/g, (_m, escaped, wild, plain) =>
    escaped
      ? escaped.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      : wild === '%'
        ? '[\\s\\S]*'
        : wild === '_'
          ? '.'
          : plain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  return new RegExp(`^${re}$`, 'i').test(text);
}

const shenzhenTech: SearchFields = {
  name: '深圳市某某科技有限公司',
  shortName: '某某科技',
  code: 'KH-2024-0001',
  creditCode: '91350100M000100Y43',
  phones: ['0755-12345678'],
  emails: ['zhang.san@example.com.cn'],
  contactNames: ['张三'],
};
const guangzhouTelecom: SearchFields = {
  name: '广州某某通讯科技有限公司',
  phones: ['+86 138 1234 5678'],
  contactNames: ['单田芳'],
};
const scattered: SearchFields = { name: '有限责任科技公司' };
const english: SearchFields = { name: 'Shenzhen ABC Technology Co., Ltd.', phones: ['+1 650 253 0000'] };
const bank: SearchFields = { name: '重庆银行长沙分行' };
const world = { shenzhenTech, guangzhouTelecom, scattered, english, bank };

describe('customer search finds', () => {
  it.each([
    ['科技', ['shenzhenTech', 'guangzhouTelecom', 'scattered']],
    ['有限公司', ['shenzhenTech', 'guangzhouTelecom']],
    ['科', ['shenzhenTech', 'guangzhouTelecom', 'scattered']],
    ['某某 科技', ['shenzhenTech', 'guangzhouTelecom']],
    ['深圳市某某科技有限公司', ['shenzhenTech']],
    ['txkj', ['guangzhouTelecom']],
    ['TXKJ', ['guangzhouTelecom']],
    ['tongxun', ['guangzhouTelecom']],
    ['tongx', ['guangzhouTelecom']],
    ['tongxunkeji', ['guangzhouTelecom']],
    ['szsmmkjyxgs', ['shenzhenTech']],
    ['shenzhenshimoumoukejiyouxiangongsi', ['shenzhenTech']],
    ['shenzhen', ['shenzhenTech', 'english']],
    ['zhangsan', ['shenzhenTech']],
    ['shantianfang', ['guangzhouTelecom']],
    ['stf', ['guangzhouTelecom']],
    ['changsha', ['bank']],
    ['fenhang', ['bank']],
    ['5678', ['shenzhenTech', 'guangzhouTelecom']],
    ['+86 5678', ['shenzhenTech', 'guangzhouTelecom']],
    ['678', ['shenzhenTech', 'guangzhouTelecom']],
    ['0755', ['shenzhenTech']],
    ['0755-1234', ['shenzhenTech']],
    ['5512 34', ['shenzhenTech']],
    ['12345678', ['shenzhenTech', 'guangzhouTelecom']],
    ['+86 138', ['guangzhouTelecom']],
    ['0086 138 1234 5678', ['guangzhouTelecom']],
    ['138-1234-5678', ['guangzhouTelecom']],
    ['+1 650', ['english']],
    ['zhang.san@', ['shenzhenTech']],
    ['zhang.san@example.com.cn', ['shenzhenTech']],
    ['@example.com', ['shenzhenTech']],
    ['example', ['shenzhenTech']],
    ['KH-2024', ['shenzhenTech']],
    ['kh20240001', ['shenzhenTech']],
    ['0001', ['shenzhenTech']],
    ['91350100m000100y43', ['shenzhenTech']],
    ['abc tech', ['english']],
    ['technology', ['english']],
    ['南京', []],
    ['限公司', ['shenzhenTech', 'guangzhouTelecom']],
    ['lisi@example.com', []],
  ])('%j → %j', (q, expected) => {
    const found = Object.entries(world)
      .filter(([, fields]) => matches(fields, q))
      .map(([name]) => name);
    expect(found).toEqual(expected);
  });
});

describe('search queries', () => {
  it.each([
    ['科技', "'科技'", ['%科技%'], 'cjk'],
    ['有限公司', "'有限' & '限公' & '公司'", ['%有限公司%'], 'cjk'],
    ['科', "'科'", ['%科%'], 'cjk'],
    ['ABC科技', "'科技' & 'abc':*", ['%abc科技%'], 'cjk'],
    ['txkj', "'txkj':*", [], 'pinyin'],
    ['5678', "'5678':*", [], 'phone'],
    ['+86 138 1234', "('1381234':* | '861381234':*)", [], 'phone'],
    ['0755', "('0755':* | '755':*)", [], 'phone'],
    ['zhang.san@exa', "'zhangsan' & 'exa':*", [], 'email'],
    ['KH-2024', "'kh2024':*", [], 'code'],
    ['abc tech', "'abc':* & 'tech':*", [], 'latin'],
  ])('%j → %s', (q, tsquery, likePatterns, kind) => {
    expect(parseQuery(q)).toEqual({ tsquery, likePatterns, kind });
  });

  it.each(['', '   ', '---', '@'])('%j is nothing to search for', (q) => {
    expect(parseQuery(q)).toBeNull();
  });

  it('escapes LIKE wildcards and tsquery quotes the user typed', () => {
    expect(parseQuery('100%科技_')).toMatchObject({ likePatterns: ['%100\\%科技\\_%'] });
    expect(escapeLike('a\\b%c_d')).toBe('a\\\\b\\%c\\_d');
    // Quotes never reach the tsquery: operands are built from [a-z0-9] and Han only.
    expect(parseQuery("o'brien & co | !x")!.tsquery).toBe("'o':* & 'brien':* & 'co':* & 'x':*");
  });

  it('also tries a long pinyin query cut to the stored token length', () => {
    expect(parseQuery('shenzhenshimoumoutongxunkeji')!.tsquery).toBe(
      "('shenzhenshimoumoutongxunkeji':* | 'shenzhenshimoumo':* | 'shenzhenshim':*)",
    );
  });
});

describe('the stored document', () => {
  it('holds only tokens the simple parser keeps whole', () => {
    for (const t of searchTokens(shenzhenTech)) expect(t).toMatch(/^(?:[a-z0-9]+|\p{Script=Han}+)$/u);
  });

  it('holds Chinese unigrams and bigrams, pinyin and initials from every character', () => {
    const tokens = searchTokens({ name: '通讯科技' });
    expect(tokens).toEqual(
      expect.arrayContaining([
        '通',
        '通讯',
        '讯科',
        '科技',
        'tongxunkeji',
        'txkj',
        'xunkeji',
        'xkj',
        'keji',
        'kj',
        'ji',
        'j',
      ]),
    );
    expect(tokens).not.toContain('讯技');
  });

  it('caps pinyin suffix tokens at 8 syllables and initials at 12', () => {
    const tokens = searchTokens({ name: '一二三四五六七八九十百千万亿' });
    expect(tokens).toContain('yiersansiwuliuqiba');
    expect(tokens).not.toContain('yiersansiwuliuqibajiu');
    expect(tokens).toContain('yesswlqbjsbq');
  });

  it('stores every phone suffix of three or more digits, and the E.164 digits', () => {
    const tokens = searchTokens({ phones: ['13812345678'] });
    expect(tokens).toEqual(
      expect.arrayContaining(['8613812345678', '13812345678', '12345678', '5678', '678']),
    );
    expect(tokens).not.toContain('78');
  });

  it('keeps digits of a number libphonenumber rejects, so it can still be found', () => {
    expect(searchTokens({ phones: ['95555'] })).toEqual(['95555', '5555', '555']);
  });

  it('reads a leading place name on its own, and fixes readings pinyin-pro gets wrong in names', () => {
    expect(runSyllables('东莞市长安镇')).toEqual(['dong', 'guan', 'shi', 'chang', 'an', 'zhen']);
    expect(runSyllables('招商银行深圳分行')).toEqual([
      'zhao',
      'shang',
      'yin',
      'hang',
      'shen',
      'zhen',
      'fen',
      'hang',
    ]);
    expect(runSyllables('单县某某车行')).toEqual(['shan', 'xian', 'mou', 'mou', 'che', 'hang']);
  });

  it('reads a contact’s surname as a surname', () => {
    expect(runSyllables('单田芳', true)).toEqual(['shan', 'tian', 'fang']);
    expect(runSyllables('曾小贤', true)).toEqual(['zeng', 'xiao', 'xian']);
  });

  it('recheck text is folded like the query', () => {
    expect(searchText({ name: 'ＡＢＣ科技', contactNames: ['张三'] })).toBe('abc科技\n张三');
  });
});

describe('highlighting a result', () => {
  const segs = (text: string, q: string) =>
    highlight(text, q)
      .map((s) => (s.match ? `[${s.text}]` : s.text))
      .join('');

  it.each([
    ['深圳市某某科技有限公司', '科技', '深圳市某某[科技]有限公司'],
    ['深圳市某某科技有限公司', '某某 有限', '深圳市[某某]科技[有限]公司'],
    ['深圳市某某通讯科技有限公司', 'txkj', '深圳市某某[通讯科技]有限公司'],
    ['深圳市某某通讯科技有限公司', 'tongxun', '深圳市某某[通讯]科技有限公司'],
    ['重庆银行长沙分行', 'changsha', '重庆银行[长沙]分行'],
    ['0755-1234 5678', '5512 34', '07[55-1234] 5678'],
    ['+86 138 1234 5678', '5678', '+86 138 1234 [5678]'],
    ['Zhang.San@Example.com', 'example.com', 'Zhang.San@[Example.com]'],
    ['Shenzhen ABC Technology', 'tech', 'Shenzhen ABC [Tech]nology'],
    ['Ａｂｃ贸易', 'abc', '[Ａｂｃ]贸易'],
    ['KH-2024-0001', 'kh2024', '[KH-2024]-0001'],
    ['深圳市某某科技有限公司', '贸易', '深圳市某某科技有限公司'],
  ])('%s with %j → %s', (text, q, expected) => {
    expect(segs(text, q)).toBe(expected);
  });

  it('returns the text unmarked for an empty query and nothing for empty text', () => {
    expect(highlight('某某科技', ' ')).toEqual([{ text: '某某科技', match: false }]);
    expect(highlight('', '科技')).toEqual([]);
  });
});
