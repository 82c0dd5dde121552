import { useQuery } from '@tanstack/react-query';
import { DatePicker, Flex, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, type ListPage } from '../../api/client';
import { UserSelect } from '../users/UserSelect';
import { listPipelines, pipelinesKey } from '../opportunities/opportunities.api';
import { useSalesDictionaries } from '../opportunities/opportunity-labels';
import type { AnalyticsFilters } from './sales-analytics.api';

interface Props {
  value: AnalyticsFilters;
  onChange: (next: AnalyticsFilters) => void;
  /** Which filters the page offers. */
  show: ('pipeline' | 'team' | 'owner' | 'channel')[];
}

/** Period (local days; `to` exclusive in the API, inclusive in the picker), pipeline, team, owner, channel. */
export function AnalyticsFilterBar({ value, onChange, show }: Props) {
  const { t } = useTranslation();
  const dict = useSalesDictionaries();
  const pipelines = useQuery({
    queryKey: [...pipelinesKey],
    queryFn: listPipelines,
    enabled: show.includes('pipeline'),
  });
  const teams = useQuery({
    queryKey: ['teams', 'select'],
    queryFn: () => api.get<ListPage<{ id: string; name: string }>>('/teams', { limit: 200 }),
    enabled: show.includes('team'),
  });
  const range: [Dayjs, Dayjs] | null =
    value.from && value.to ? [dayjs(value.from), dayjs(value.to).subtract(1, 'day')] : null;
  const set = (patch: Partial<AnalyticsFilters>) => onChange({ ...value, ...patch });
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="analytics-filters">
      <DatePicker.RangePicker
        value={range}
        allowEmpty={[false, false]}
        placeholder={[t('salesAnalytics.filters.from'), t('salesAnalytics.filters.to')]}
        presets={[
          {
            label: t('salesAnalytics.filters.last12Months'),
            value: [dayjs().subtract(11, 'month').startOf('month'), dayjs()],
          },
          { label: t('salesAnalytics.filters.thisYear'), value: [dayjs().startOf('year'), dayjs()] },
          {
            label: t('salesAnalytics.filters.lastYear'),
            value: [dayjs().subtract(1, 'year').startOf('year'), dayjs().subtract(1, 'year').endOf('year')],
          },
        ]}
        onChange={(r) =>
          r && r[0] && r[1]
            ? set({ from: r[0].format('YYYY-MM-DD'), to: r[1].add(1, 'day').format('YYYY-MM-DD') })
            : set({ from: undefined, to: undefined })
        }
      />
      {show.includes('pipeline') ? (
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('salesAnalytics.filters.pipeline')}
          value={value.pipelineId}
          onChange={(v) => set({ pipelineId: v })}
          options={(pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          data-testid="filter-pipeline"
        />
      ) : null}
      {show.includes('team') ? (
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('salesAnalytics.filters.team')}
          value={value.teamId}
          onChange={(v) => set({ teamId: v })}
          options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
      ) : null}
      {show.includes('owner') ? (
        <UserSelect
          style={{ width: 220 }}
          placeholder={t('salesAnalytics.filters.owner')}
          value={value.ownerId}
          onChange={(v) => set({ ownerId: v })}
        />
      ) : null}
      {show.includes('channel') ? (
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('salesAnalytics.filters.channel')}
          value={value.channel}
          onChange={(v) => set({ channel: v })}
          options={dict.options('leadChannel')}
          data-testid="filter-channel"
        />
      ) : null}
    </Flex>
  );
}
