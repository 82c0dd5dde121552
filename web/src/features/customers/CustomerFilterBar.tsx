import { DownOutlined, FilterOutlined, UpOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../users';
import { useCustomerOptions } from './customer-options';
import { useCustomFieldDefs, useDictionaries, useLocalLabel, type CustomFieldDef } from '../customization';
import type { CustomerFilters } from './customers.api';
import { RegionCascader } from './RegionCascader';

interface Props {
  filters: CustomerFilters;
  /** The search box's text, applied on Enter. */
  search: string;
  onSearchChange: (text: string) => void;
  /** Sets (or, with undefined, clears) filters in the page's address. */
  update: (changes: Record<string, string | undefined>) => void;
  moreFilters: boolean;
  onToggleMore: () => void;
  tagOptions: { value: string }[];
}

/** A filter on one custom field: a choice, a text, or a from–to range for numbers and dates. */
function CustomFieldFilter({
  def,
  filters,
  setFilter,
}: {
  def: CustomFieldDef;
  filters: CustomerFilters;
  setFilter: (key: string, value: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const label = useLocalLabel();
  const name = label(def.label);
  const key = `cf.${def.key}` as const;
  if (def.type === 'choice' || def.type === 'multiChoice')
    return (
      <Select
        allowClear
        value={filters[key]}
        onChange={(v: string | undefined) => setFilter(key, v)}
        placeholder={name}
        style={{ width: 160 }}
        options={def.options.map((o) => ({ value: o.key, label: label(o.label) }))}
        data-testid={`customers-filter-${key}`}
      />
    );
  if (def.type === 'text')
    return (
      <TextFilter
        value={filters[key]}
        options={[]}
        onCommit={(v) => setFilter(key, v)}
        placeholder={name}
        width={160}
      />
    );
  const type = def.type === 'date' ? 'date' : 'number';
  const bound = (suffix: 'gte' | 'lte') => (
    <Input
      type={type}
      defaultValue={filters[`${key}.${suffix}`]}
      key={filters[`${key}.${suffix}`] ?? ''}
      placeholder={`${name} ${t(`customization.filters.${suffix}`)}`}
      style={{ width: 150 }}
      onBlur={(e) => setFilter(`${key}.${suffix}`, e.target.value || undefined)}
      onPressEnter={(e) => setFilter(`${key}.${suffix}`, e.currentTarget.value || undefined)}
      data-testid={`customers-filter-${key}.${suffix}`}
    />
  );
  return (
    <>
      {bound('gte')}
      {bound('lte')}
    </>
  );
}

/** Free text with suggestions, applied when picked, on Enter or on leaving the box — not per keystroke. */
function TextFilter({
  value,
  options,
  onCommit,
  placeholder,
  width,
  testId,
}: {
  value: string | undefined;
  options: { value: string }[];
  onCommit: (value: string | undefined) => void;
  placeholder: string;
  width: number;
  testId?: string;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const commit = (next: string) => {
    const v = next.trim() || undefined;
    if (v !== value) onCommit(v);
  };
  return (
    <AutoComplete
      allowClear
      value={text}
      options={options}
      onChange={(v: string | undefined) => {
        setText(v ?? '');
        if (!v) commit('');
      }}
      onSelect={(v: string | undefined) => commit(v ?? '')}
      onBlur={() => commit(text)}
      onInputKeyDown={(e) => {
        if (e.key === 'Enter') commit(text);
      }}
      placeholder={placeholder}
      style={{ width }}
      filterOption
      data-testid={testId}
    />
  );
}

/** The search box and filters of the customer list; the common ones always, the rest on demand. */
export function CustomerFilterBar({
  filters,
  search,
  onSearchChange,
  update,
  moreFilters,
  onToggleMore,
  tagOptions,
}: Props) {
  const { t } = useTranslation();
  const options = useCustomerOptions();
  const dictionaries = useDictionaries();
  const defs = useCustomFieldDefs('customers').data ?? [];
  const setFilter = (key: string, value: string | null | undefined) => update({ [key]: value ?? undefined });
  const region = [filters.province, filters.city].filter((v): v is string => !!v);

  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          enterButton
          placeholder={t('customers.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            onSearchChange(e.target.value);
            if (!e.target.value) setFilter('q', undefined);
          }}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 320 }}
          data-testid="customers-search"
        />
        <Select
          allowClear
          value={filters.lifecycleStatus}
          onChange={(v: string | undefined) => setFilter('lifecycleStatus', v)}
          placeholder={t('customers.filters.lifecycle')}
          style={{ width: 120 }}
          options={options.lifecycle}
          data-testid="customers-filter-lifecycle"
        />
        <Select
          allowClear
          value={filters.grade}
          onChange={(v: string | undefined) => setFilter('grade', v)}
          placeholder={t('customers.filters.grade')}
          style={{ width: 110 }}
          options={options.grades}
          data-testid="customers-filter-grade"
        />
        <UserSelect
          value={filters.ownerId}
          onChange={(v: string | undefined) => setFilter('ownerId', v)}
          placeholder={t('customers.filters.owner')}
          style={{ width: 150 }}
          data-testid="customers-filter-owner"
        />
        <RegionCascader
          maxLevel="city"
          value={region}
          onChange={(v) => update({ province: v?.[0], city: v?.[1] })}
          placeholder={t('customers.filters.region')}
          style={{ width: 200 }}
          testId="customers-filter-region"
        />
        <Button
          icon={<FilterOutlined />}
          type="link"
          onClick={onToggleMore}
          data-testid="customers-more-filters"
        >
          {t('customers.filters.more')}
          {moreFilters ? <UpOutlined /> : <DownOutlined />}
        </Button>
      </Flex>
      {moreFilters ? (
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            value={filters.kind}
            onChange={(v: string | undefined) => setFilter('kind', v)}
            placeholder={t('customers.filters.kind')}
            style={{ width: 140 }}
            options={options.kinds}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.type}
            onChange={(v: string | undefined) => setFilter('type', v)}
            placeholder={t('customers.filters.type')}
            style={{ width: 170 }}
            options={dictionaries.options('customerType')}
            data-testid="customers-filter-type"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.source}
            onChange={(v: string | undefined) => setFilter('source', v)}
            placeholder={t('customers.filters.source')}
            style={{ width: 190 }}
            options={dictionaries.options('source')}
            data-testid="customers-filter-source"
          />
          <TextFilter
            value={filters.tag}
            options={tagOptions}
            onCommit={(v) => setFilter('tag', v)}
            placeholder={t('customers.filters.tag')}
            width={150}
            testId="customers-filter-tag"
          />
          {defs.map((def) => (
            <CustomFieldFilter key={def.id} def={def} filters={filters} setFilter={setFilter} />
          ))}
        </Flex>
      ) : null}
    </>
  );
}
