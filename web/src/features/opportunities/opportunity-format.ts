// Pure: stage names and money as the UI shows them.

/** The built-in Chinese names: a built-in stage still carrying its name is shown translated. */
const BUILTIN_NAMES: Record<string, string> = {
  targetMarket: '目标市场',
  potentialCustomer: '潜在客户',
  needsAnalysis: '需求分析',
  proposal: '方案报价',
  won: '赢单',
  lost: '输单',
};

export function isBuiltinName(key: string | null | undefined, name: string | null | undefined): boolean {
  return !!key && BUILTIN_NAMES[key] === name;
}

/** "1234567.5" → "1,234,567.50" without turning the decimal string into a float. */
export function formatAmount(amount: string): string {
  const [int = '0', frac = ''] = amount.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(frac + '00').slice(0, 2)}`;
}

export const moneyText = (amount: string, currency: string) => `${currency} ${formatAmount(amount)}`;
