// Pure data: the dictionaries every organisation starts with (mission.md A1). Keys are the
// values stored on records; the archive has always stored the Chinese words, so they stay keys.
import type { LocalLabel } from './custom-field-rules.ts';

export const DICTIONARIES = [
  'customerType',
  'source',
  'industry',
  'relationshipLevel',
  'interactionChannel',
  'leadChannel',
  'leadDisqualifyReason',
  'productLine',
  'opportunityLostReason',
] as const;
export type DictionaryName = (typeof DICTIONARIES)[number];

/** The customer fields checked against a dictionary on write. */
export const CUSTOMER_DICTIONARY_FIELDS = {
  type: 'customerType',
  source: 'source',
  industry: 'industry',
  relationshipLevel: 'relationshipLevel',
} as const satisfies Record<string, DictionaryName>;

type Entry = [key: string, en: string, zh?: string];

const zhKeyed = (entries: [string, string][]): Entry[] => entries.map(([zh, en]) => [zh, en, zh]);

const DEFAULTS: Record<DictionaryName, Entry[]> = {
  customerType: zhKeyed([
    ['跨国连锁', 'Multinational chain'],
    ['本地连锁', 'Local chain'],
    ['百货商场', 'Department store'],
    ['加盟店', 'Franchise store'],
    ['专卖店', 'Specialty store'],
    ['集团企业', 'Group enterprise'],
    ['经销商', 'Dealer'],
    ['代理商', 'Agent'],
    ['终端客户', 'End customer'],
    ['餐厅', 'Restaurant'],
    ['酒店', 'Hotel'],
    ['食堂', 'Canteen'],
    ['家庭用户', 'Household'],
    ['VIP', 'VIP'],
    ['个人客户', 'Individual'],
  ]),
  source: zhKeyed([
    ['展会', 'Trade fair'],
    ['B2B平台', 'B2B platform'],
    ['转介绍', 'Referral'],
    ['官网', 'Website'],
    ['搜索引擎', 'Search engine'],
    ['上门', 'Walk-in'],
    ['电话营销', 'Telemarketing'],
  ]),
  industry: zhKeyed([
    ['电子', 'Electronics'],
    ['软件', 'Software'],
    ['贸易', 'Trading'],
    ['机械', 'Machinery'],
    ['塑胶', 'Plastics'],
    ['五金', 'Hardware'],
    ['家具', 'Furniture'],
    ['食品', 'Food and beverage'],
    ['纺织服装', 'Textiles and apparel'],
    ['化工', 'Chemicals'],
    ['医疗', 'Medical'],
    ['建材', 'Building materials'],
    ['电器', 'Electrical appliances'],
    ['物流', 'Logistics'],
    ['汽车', 'Automotive'],
    ['文教用品', 'Stationery and education'],
    ['冶金', 'Metallurgy'],
    ['工艺品', 'Handicrafts'],
    ['零售', 'Retail'],
    ['餐饮', 'Catering'],
    ['生活服务', 'Consumer services'],
    ['通信', 'Telecommunications'],
    ['包装', 'Packaging'],
    ['个人', 'Individual'],
  ]),
  relationshipLevel: [
    ['transactional', 'Transactional buyer', '交易型客户'],
    ['preferred', 'Preferred supplier', '优先供应商'],
    ['partnership', 'Partnership', '合作伙伴'],
    ['strategic', 'Strategic alliance', '战略联盟'],
  ],
  // The interactions module's channels (interactions.table.ts), labelled.
  interactionChannel: [
    ['call', 'Phone call', '电话'],
    ['visit', 'Visit', '拜访'],
    ['wechat', 'WeChat', '微信'],
    ['email', 'Email', '邮件'],
    ['sms', 'SMS', '短信'],
    ['meeting', 'Meeting', '会议'],
    ['fax', 'Fax', '传真'],
    ['tradeFair', 'Trade fair', '展会'],
    ['note', 'Note', '备注'],
  ],
  // Where leads come from (mission C1); the specific fair or platform is the lead's campaign.
  leadChannel: [
    ['tradeFair', 'Trade fair', '展会'],
    ['b2bPlatform', 'B2B platform', 'B2B平台'],
    ['websiteForm', 'Website form', '官网表单'],
    ['referral', 'Referral', '转介绍'],
    ['searchEngine', 'Search engine', '搜索引擎'],
    ['walkIn', 'Walk-in', '上门'],
    ['other', 'Other', '其他'],
  ],
  leadDisqualifyReason: [
    ['noNeed', 'No need', '无需求'],
    ['noBudget', 'No budget', '无预算'],
    ['unreachable', 'Unreachable', '联系不上'],
    ['competitor', 'Competitor or peer', '同行/竞争对手'],
    ['duplicate', 'Duplicate', '重复线索'],
    ['spam', 'Spam', '垃圾信息'],
    ['other', 'Other', '其他'],
  ],
  // Product lines, for lead interest, assignment by product line and opportunities.
  productLine: [
    ['appliances', 'Home appliances', '家用电器'],
    ['electronics', 'Electronics', '电子产品'],
    ['hardware', 'Hardware and tools', '五金工具'],
    ['furniture', 'Furniture', '家具'],
    ['textiles', 'Textiles', '纺织品'],
    ['machinery', 'Machinery', '机械设备'],
  ],
  opportunityLostReason: [
    ['price', 'Price too high', '价格偏高'],
    ['competitor', 'Lost to a competitor', '输给竞争对手'],
    ['quality', 'Quality or specification', '质量/规格不符'],
    ['delivery', 'Delivery time', '交期不满足'],
    ['noBudget', 'No budget', '客户无预算'],
    ['noDecision', 'No decision', '客户未决策'],
    ['unreachable', 'Customer unreachable', '联系不上客户'],
    ['other', 'Other', '其他'],
  ],
};

export interface DefaultItem {
  key: string;
  label: LocalLabel;
  position: number;
}

export function defaultItems(dictionary: DictionaryName): DefaultItem[] {
  return DEFAULTS[dictionary].map(([key, en, zh], i) => ({
    key,
    label: { 'zh-CN': zh ?? en, en },
    position: (i + 1) * 10,
  }));
}
