// A realistic Chinese company for demos: pure data, written by demo-seed.service.ts.

export interface DemoDepartment {
  key: string;
  name: string;
  parent?: string;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { key: 'hq', name: '总经办' },
  { key: 'sales', name: '销售中心', parent: 'hq' },
  { key: 'east', name: '华东大区', parent: 'sales' },
  { key: 'south', name: '华南大区', parent: 'sales' },
  { key: 'export', name: '外贸部', parent: 'sales' },
  { key: 'service', name: '客户服务部', parent: 'hq' },
  { key: 'marketing', name: '市场部', parent: 'hq' },
  { key: 'finance', name: '财务部', parent: 'hq' },
  { key: 'logistics', name: '物流部', parent: 'hq' },
];

export const DEMO_TEAMS = [
  { key: 'sh', name: '上海销售一组', department: 'east' },
  { key: 'hz', name: '杭州销售组', department: 'east' },
  { key: 'gz', name: '广州销售组', department: 'south' },
  { key: 'sz', name: '深圳销售组', department: 'south' },
  { key: 'fair', name: '展会开发组', department: 'export' },
  { key: 'hotline', name: '客服热线组', department: 'service' },
];

export interface DemoUser {
  name: string;
  pinyin: string;
  role: string;
  department: string;
  team?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { name: '王建国', pinyin: 'wang.jianguo', role: 'manager', department: 'sales' },
  { name: '李晓峰', pinyin: 'li.xiaofeng', role: 'manager', department: 'east', team: 'sh' },
  { name: '陈美玲', pinyin: 'chen.meiling', role: 'manager', department: 'south', team: 'gz' },
  { name: '张伟', pinyin: 'zhang.wei', role: 'sales', department: 'east', team: 'sh' },
  { name: '刘洋', pinyin: 'liu.yang', role: 'sales', department: 'east', team: 'sh' },
  { name: '赵敏', pinyin: 'zhao.min', role: 'sales', department: 'east', team: 'hz' },
  { name: '黄磊', pinyin: 'huang.lei', role: 'sales', department: 'south', team: 'gz' },
  { name: '周婷', pinyin: 'zhou.ting', role: 'sales', department: 'south', team: 'sz' },
  { name: '吴刚', pinyin: 'wu.gang', role: 'sales', department: 'export', team: 'fair' },
  { name: '郑丽娟', pinyin: 'zheng.lijuan', role: 'sales', department: 'export', team: 'fair' },
  { name: '孙静', pinyin: 'sun.jing', role: 'service', department: 'service', team: 'hotline' },
  { name: '马超', pinyin: 'ma.chao', role: 'service', department: 'service', team: 'hotline' },
  { name: '胡雪', pinyin: 'hu.xue', role: 'marketing', department: 'marketing' },
  { name: '林芳', pinyin: 'lin.fang', role: 'finance', department: 'finance' },
  { name: '何军', pinyin: 'he.jun', role: 'logistics', department: 'logistics' },
  { name: '高翔', pinyin: 'gao.xiang', role: 'readonly', department: 'hq' },
];

/** Demo accounts share one password, printed by `npm run demo`. */
export const DEMO_PASSWORD = 'Guanxi2026';

/** A plausible mainland mobile number, deterministic per index. */
export function demoPhone(i: number): string {
  const prefixes = ['138', '139', '136', '158', '186', '177'];
  return `${prefixes[i % prefixes.length]}${String(10_000_000 + i * 7_654_321).slice(-8)}`;
}
