// Choices and their labels for customer fields, in the UI language.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grade, LifecycleStatus, MatchKind, RelationshipLevel } from './customers.api';

export const LIFECYCLE_STATUSES: LifecycleStatus[] = ['prospect', 'active', 'dormant', 'lost'];
export const RELATIONSHIP_LEVELS: RelationshipLevel[] = [
  'transactional',
  'preferred',
  'partnership',
  'strategic',
];
export const GRADES: Grade[] = ['A', 'B', 'C'];
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'];
/** Countries a Chinese manufacturer or trader deals with most; others can be typed as a code later. */
export const COUNTRIES = [
  'CN',
  'HK',
  'MO',
  'TW',
  'US',
  'CA',
  'MX',
  'BR',
  'GB',
  'DE',
  'FR',
  'IT',
  'ES',
  'NL',
  'PL',
  'RU',
  'TR',
  'AE',
  'SA',
  'IL',
  'EG',
  'NG',
  'ZA',
  'IN',
  'PK',
  'BD',
  'JP',
  'KR',
  'SG',
  'MY',
  'TH',
  'VN',
  'ID',
  'PH',
  'AU',
  'NZ',
];

export const LIFECYCLE_COLORS: Record<LifecycleStatus, string> = {
  prospect: 'blue',
  active: 'green',
  dormant: 'orange',
  lost: 'default',
};

export const GRADE_COLORS: Record<Grade, string> = { A: 'red', B: 'gold', C: 'default' };

/** Region names from the browser; 台湾 is written the way mainland usage requires. */
function countryName(code: string, lng: string): string {
  if (code === 'TW' && lng === 'zh-CN') return '中国台湾';
  try {
    return new Intl.DisplayNames([lng], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function useCustomerOptions() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return useMemo(() => {
    const suggestions = (key: string) =>
      Object.values(t(key, { returnObjects: true }) as Record<string, string>).map((value) => ({ value }));
    return {
      lifecycle: LIFECYCLE_STATUSES.map((value) => ({ value, label: t(`customers.lifecycle.${value}`) })),
      relationship: RELATIONSHIP_LEVELS.map((value) => ({
        value,
        label: t(`customers.relationship.${value}`),
      })),
      grades: GRADES.map((value) => ({ value, label: t(`customers.grades.${value}`) })),
      kinds: [
        { value: 'company' as const, label: t('customers.kinds.company') },
        { value: 'person' as const, label: t('customers.kinds.person') },
      ],
      currencies: CURRENCIES.map((value) => ({ value, label: value })),
      countries: COUNTRIES.map((value) => ({ value, label: countryName(value, lng) })),
      types: suggestions('customers.suggest.types'),
      sources: suggestions('customers.suggest.sources'),
      industries: suggestions('customers.suggest.industries'),
      countryName: (code: string | null) => (code ? countryName(code, lng) : '—'),
      matchLabel: (kinds: MatchKind[]) =>
        kinds.map((k) => t(`customers.match.${k}`)).join(lng === 'zh-CN' ? '、' : ', '),
    };
  }, [t, lng]);
}
