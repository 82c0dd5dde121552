import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers, usersKey } from './users.api';

type Props = Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption' | 'onSearch'> & {
  /** Label to show for the current value before the search has loaded it. */
  currentLabel?: string | null;
};

/** Picks one user; searches the server as the user types. */
export function UserSelect({ currentLabel, value, ...props }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search);
  const users = useQuery({
    queryKey: [...usersKey, 'select', q],
    queryFn: () => listUsers({ q: q || undefined, limit: 20 }),
    staleTime: 30_000,
  });
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }));
  if (value && currentLabel && !options.some((o) => o.value === value))
    options.unshift({ value, label: currentLabel });
  return (
    <Select<string>
      {...props}
      value={value}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder={props.placeholder ?? t('common.searchUser')}
      loading={users.isFetching}
      options={options}
      notFoundContent={users.isFetching ? t('common.loading') : t('common.noData')}
    />
  );
}
