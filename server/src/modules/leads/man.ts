// Pure: the MAN qualification (Money, Authority, Need) → the recommended next action.
/** As stored in leads.man_* (leads.table.ts MAN_ANSWERS). */
export type ManAnswer = 'yes' | 'no' | 'unknown';

export interface ManAnswers {
  money: ManAnswer;
  authority: ManAnswer;
  need: ManAnswer;
}

/**
 * The recommended next actions. Upper case is "yes", lower case "no" (as in the sales literature):
 * M A N → propose now; M a N → find the decision maker; m A N → offer terms or a smaller first
 * order; M A n → nurture the need; M a n → educate and find the decision maker; m a N → find the
 * decision maker and the budget; m A n → keep in touch, low priority; m a n → drop or nurture
 * lightly. Any unknown answer → qualify first.
 */
export const MAN_ACTIONS = [
  'proposeNow',
  'findDecisionMaker',
  'offerTerms',
  'nurtureNeed',
  'educateAndFindDecisionMaker',
  'findBudgetAndDecisionMaker',
  'keepInTouch',
  'disqualifyOrNurture',
  'qualifyFirst',
] as const;
export type ManAction = (typeof MAN_ACTIONS)[number];

const TABLE: Record<string, ManAction> = {
  'yes/yes/yes': 'proposeNow',
  'yes/no/yes': 'findDecisionMaker',
  'no/yes/yes': 'offerTerms',
  'yes/yes/no': 'nurtureNeed',
  'yes/no/no': 'educateAndFindDecisionMaker',
  'no/no/yes': 'findBudgetAndDecisionMaker',
  'no/yes/no': 'keepInTouch',
  'no/no/no': 'disqualifyOrNurture',
};

export function manNextAction(a: ManAnswers): ManAction {
  if (a.money === 'unknown' || a.authority === 'unknown' || a.need === 'unknown') return 'qualifyFirst';
  return TABLE[`${a.money}/${a.authority}/${a.need}`]!;
}

/** The texts of the actions, for exports and the API's own messages (the web has its locale files). */
export const MAN_ACTION_TEXT: Record<'zh-CN' | 'en', Record<ManAction, string>> = {
  en: {
    proposeNow: 'Has budget, authority and need: send a proposal now.',
    findDecisionMaker: 'Budget and need, but not the decision maker: find and meet the decision maker.',
    offerTerms: 'Authority and need, no budget: offer payment terms or a smaller first order.',
    nurtureNeed: 'Budget and authority, no clear need: nurture the need with samples and cases.',
    educateAndFindDecisionMaker: 'Only budget: show the value and find the decision maker.',
    findBudgetAndDecisionMaker: 'Only need: find the decision maker and a budget.',
    keepInTouch: 'Only authority: keep in touch, low priority.',
    disqualifyOrNurture: 'No budget, authority or need: disqualify or keep in a light nurture.',
    qualifyFirst: 'Not yet qualified: find out budget, authority and need first.',
  },
  'zh-CN': {
    proposeNow: '有预算、有决策权、有需求：立即报价/提交方案。',
    findDecisionMaker: '有预算有需求但非决策人：找到并拜访决策人。',
    offerTerms: '有决策权有需求但预算不足：提供付款条件或小批量首单。',
    nurtureNeed: '有预算有决策权但需求不明：寄样品、讲案例，培育需求。',
    educateAndFindDecisionMaker: '只有预算：展示价值，并找到决策人。',
    findBudgetAndDecisionMaker: '只有需求：找到决策人并争取预算。',
    keepInTouch: '只有决策权：保持联系，低优先级。',
    disqualifyOrNurture: '无预算、无决策权、无需求：作废或低频培育。',
    qualifyFirst: '尚未完成资格评估：先弄清预算、决策权和需求。',
  },
};
