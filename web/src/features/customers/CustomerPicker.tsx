import { useQuery } from '@tanstack/react-query';
import { Select, Typography, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../ui';
import { customersKey, listCustomers, type Customer } from './customers.api';
import { regionText } from './customer-cells';

type Props = Omit<
  SelectProps<string>,
  'options' | 'showSearch' | 'filterOption' | 'onSearch' | 'onChange'
> & {
  /** Label of the current value before the search has loaded it. */
  currentLabel?: string | null;
  /** Customers that may not be picked (the customer itself, when merging). */
  excludeIds?: string[];
  onChange?: (id: string | undefined, customer: Customer | undefined) => void;
};

/** Picks one customer, searching as the user types (Chinese, pinyin, initials, phone, email). */
export function CustomerPicker({ currentLabel, excludeIds, value, onChange, ...props }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const customers = useQuery({
    queryKey: [...customersKey, 'picker', q],
    queryFn: () => listCustomers({ q: q || undefined, limit: 20 }),
    staleTime: 15_000,
  });
  const items = (customers.data?.items ?? []).filter((c) => !excludeIds?.includes(c.id));
  const options = items.map((c) => ({
    value: c.id,
    label: c.name,
    customer: c,
  }));
  if (value && currentLabel && !options.some((o) => o.value === value))
    options.unshift({ value, label: currentLabel, customer: undefined as unknown as Customer });
  return (
    <Select<string>
      {...props}
      value={value}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder={props.placeholder ?? t('customers.pickerPlaceholder')}
      loading={customers.isFetching}
      options={options}
      onChange={(id) =>
        onChange?.(
          id,
          items.find((c) => c.id === id),
        )
      }
      optionRender={(option) => {
        const c = option.data.customer as Customer | undefined;
        return (
          <div data-testid={`customer-option-${option.data.value}`}>
            <div>{option.data.label}</div>
            {c ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[c.ownerName ?? t('customers.publicPool'), regionText(c), c.code]
                  .filter((x) => x && x !== '—')
                  .join(' · ')}
              </Typography.Text>
            ) : null}
          </div>
        );
      }}
      notFoundContent={customers.isFetching ? t('common.loading') : t('common.noData')}
    />
  );
}
