/**
 * 统一社会信用代码 (unified social credit identifier), GB 32100-2015.
 *
 *   position 1      registration authority (登记管理部门)   9 = market regulation …
 *   position 2      organisation type within that authority  91 = enterprise …
 *   positions 3–8   region code of the registering office    6 digits (GB/T 2260)
 *   positions 9–17  subject identifier (组织机构代码, GB 11714)
 *   position 18     check character, ISO 7064 MOD 31-3 over positions 1–17
 *
 * Deliberately not checked:
 * - the region digits against today's division list: they record the office at
 *   the time of issue, and divisions are merged and renamed since (a code from
 *   an abolished county is still valid); national-level registrations use 100000;
 * - the GB 11714 check digit inside positions 9–17: the MOD 31-3 character
 *   already catches every single-character typo, and rejecting a real code on a
 *   second, older rule would stop a user from saving a real customer.
 */

/** The 31 characters of the code; I, O, S, V and Z are left out to avoid misreading. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^(i) mod 31 for positions 1–17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Registration authorities and the organisation types each may issue, from the
 * standard's annex as extended by the national coordination office.
 */
export const CREDIT_CODE_AUTHORITIES: Readonly<
  Record<string, { name: string; types: Record<string, string> }>
> = {
  '1': {
    name: '机构编制',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', types: { '1': '其他' } },
};

export type CreditCodeFailure =
  'EMPTY' | 'LENGTH' | 'CHARSET' | 'AUTHORITY' | 'ORG_TYPE' | 'REGION' | 'CHECKSUM';

export type CreditCodeResult =
  | {
      valid: true;
      normalised: string;
      authority: string;
      orgType: string;
      region: string;
      subject: string;
    }
  | { valid: false; reason: CreditCodeFailure };

/**
 * Uppercases and removes what people type around a code: full-width
 * characters (NFKC), spaces and hyphens. It does not "fix" O → 0 or I → 1: a
 * code with those letters is wrong, and guessing would hide the typo.
 */
export function normaliseCreditCode(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** The check character for the first 17 characters (which must be in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`not a credit-code character: ${first17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function validateCreditCode(raw: string): CreditCodeResult {
  const code = normaliseCreditCode(raw);
  if (code === '') return { valid: false, reason: 'EMPTY' };
  if (code.length !== 18) return { valid: false, reason: 'LENGTH' };
  for (const ch of code) if (!ALPHABET.includes(ch)) return { valid: false, reason: 'CHARSET' };
  const authority = CREDIT_CODE_AUTHORITIES[code[0]!];
  if (!authority) return { valid: false, reason: 'AUTHORITY' };
  if (!authority.types[code[1]!]) return { valid: false, reason: 'ORG_TYPE' };
  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region)) return { valid: false, reason: 'REGION' };
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return { valid: false, reason: 'CHECKSUM' };
  return {
    valid: true,
    normalised: code,
    authority: code[0]!,
    orgType: code[1]!,
    region,
    subject: code.slice(8, 17),
  };
}
