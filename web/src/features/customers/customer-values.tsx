// How customer fields read in the change history (choices, money, lists, the key-account texts).
import { useQueries } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../api/types';
import { formatValue } from '../../ui';
import { fetchUser, usersKey } from '../users/users.api';
import { formatMoney } from './customer-form';
import type { Customer, Money } from './customers.api';
import { useDictionaries } from '../customization';

const USER_FIELDS = new Set(['ownerId']);

export function useCustomerValueFormat(customer: Customer | undefined, history: HistoryEntry[] | undefined) {
  const { t, i18n } = useTranslation();
  const dictionaries = useDictionaries();
  const userIds = [
    ...new Set(
      (history ?? []).flatMap((e) =>
        e.changes
          .filter((c) => USER_FIELDS.has(c.field))
          .flatMap((c) => [c.old, c.new])
          .filter((v): v is string => typeof v === 'string'),
      ),
    ),
  ];
  const users = useQueries({
    queries: userIds.map((id) => ({
      queryKey: [...usersKey, 'detail', id],
      queryFn: () => fetchUser(id),
      retry: false,
      staleTime: 5 * 60_000,
    })),
  });
  const userName = new Map(userIds.map((id, i) => [id, users[i]?.data?.name ?? id]));
  const divisionName = new Map<string, string>();
  if (customer) {
    if (customer.province && customer.provinceName)
      divisionName.set(customer.province, customer.provinceName);
    if (customer.city && customer.cityName) divisionName.set(customer.city, customer.cityName);
    if (customer.district && customer.districtName)
      divisionName.set(customer.district, customer.districtName);
  }
  const list = (v: unknown) =>
    Array.isArray(v) ? v.map(String).join(i18n.language === 'zh-CN' ? '、' : ', ') || '—' : null;

  return (field: string, value: unknown): ReactNode => {
    switch (field) {
      case 'kind':
        return t(`customers.kinds.${String(value)}`, { defaultValue: String(value) });
      case 'lifecycleStatus':
        return t(`customers.lifecycle.${String(value)}`, { defaultValue: String(value) });
      case 'relationshipLevel':
        return t(`customers.relationship.${String(value)}`, { defaultValue: String(value) });
      case 'type':
        return dictionaries.labelOf('customerType', value as string | null) || '—';
      case 'source':
      case 'industry':
        return dictionaries.labelOf(field, value as string | null) || '—';
      case 'creditLimit':
        return formatMoney(value as Money);
      case 'province':
      case 'city':
      case 'district':
        return divisionName.get(String(value)) ?? String(value);
      case 'ownerId':
        return userName.get(String(value)) ?? String(value);
      case 'keyAccount': {
        const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v);
        if (!entries.length) return '—';
        return (
          <span style={{ whiteSpace: 'pre-wrap' }}>
            {entries
              .map(([k, v]) => `${t(`customers.keyAccount.${k}`, { defaultValue: k })}: ${String(v)}`)
              .join('\n')}
          </span>
        );
      }
      default:
        return list(value) ?? formatValue(value);
    }
  };
}
