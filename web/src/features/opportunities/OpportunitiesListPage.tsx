import { AppstoreOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Input, Select, Table, Tag, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { CursorPager, PageHeader, formatDateTime, useCursorPages, useDebouncedValue } from '../../ui';
import { ExportButton } from '../exports';
import { SavedViewsBar, type SavedViewConfig } from '../saved-views';
import { UserSelect } from '../users';
import { OpportunityForm } from './OpportunityForm';
import {
  listOpportunities,
  listPipelines,
  opportunitiesKey,
  pipelinesKey,
  type Opportunity,
  type OpportunityFilters,
  type StageKind,
} from './opportunities.api';
import { moneyText, useSalesDictionaries, useStageLabel } from './opportunity-labels';

const EXPORT_COLUMNS = [
  'customerName',
  'stageName',
  'status',
  'amount',
  'probability',
  'expectedCloseDate',
  'ownerName',
  'channel',
  'campaign',
];
const STATUS_COLOR: Record<StageKind, string> = { open: 'blue', won: 'green', lost: 'red' };

/** 商机列表: every opportunity the user may see, with filters, sort and saved views. */
export function OpportunitiesListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const stageLabel = useStageLabel();
  const dict = useSalesDictionaries();
  const [filters, setFilters] = useState<OpportunityFilters>({});
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [sort, setSort] = useState<string>('-updatedAt');
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const query = { ...filters, q: q || undefined };
  const pages = useCursorPages(JSON.stringify({ query, sort, pageSize }));
  const pipelines = useQuery({ queryKey: pipelinesKey, queryFn: listPipelines, staleTime: 60_000 });
  const list = useQuery({
    queryKey: [...opportunitiesKey, 'list', query, sort, pages.cursor, pageSize],
    queryFn: () => listOpportunities({ ...query, sort, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  const pipeline =
    pipelines.data?.items.find((p) => p.id === filters.pipelineId) ??
    pipelines.data?.items.find((p) => p.isDefault);
  const set = (patch: Partial<OpportunityFilters>) => setFilters({ ...filters, ...patch });
  const sortOrder = (field: string) =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;

  const columns: TableProps<Opportunity>['columns'] = [
    {
      key: 'name',
      title: t('opportunities.fields.name'),
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, o) => <Link to={`/opportunities/${o.id}`}>{o.name}</Link>,
    },
    {
      key: 'customerName',
      title: t('opportunities.fields.customer'),
      render: (_, o) => o.customerName ?? '—',
    },
    {
      key: 'stage',
      title: t('opportunities.fields.stage'),
      render: (_, o) => (
        <Tag color={STATUS_COLOR[o.status]}>{stageLabel({ key: o.stageKey, name: o.stageName })}</Tag>
      ),
    },
    {
      key: 'amount',
      title: t('opportunities.fields.amount'),
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('amount'),
      render: (_, o) => moneyText(o.amount, o.currency),
    },
    {
      key: 'probability',
      title: t('opportunities.fields.probability'),
      render: (_, o) => `${o.probability}%`,
    },
    {
      key: 'expectedCloseDate',
      title: t('opportunities.fields.expectedCloseDate'),
      sorter: true,
      sortOrder: sortOrder('expectedCloseDate'),
      render: (_, o) => o.expectedCloseDate ?? '—',
    },
    { key: 'owner', title: t('opportunities.fields.owner'), render: (_, o) => o.ownerName ?? '—' },
    {
      key: 'channel',
      title: t('opportunities.fields.channel'),
      render: (_, o) => dict.labelOf('leadChannel', o.channel) || '—',
    },
    {
      key: 'updatedAt',
      title: t('opportunities.fields.updatedAt'),
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (_, o) => formatDateTime(o.updatedAt),
    },
  ];

  const current: SavedViewConfig = {
    filters: Object.fromEntries(
      Object.entries(query).filter(([, v]) => v !== undefined && v !== ''),
    ) as Record<string, string>,
    sort,
  };

  return (
    <>
      <PageHeader
        title={t('opportunities.list.title')}
        extra={
          <>
            <Button icon={<AppstoreOutlined />} onClick={() => navigate('/opportunities')}>
              {t('opportunities.board.title')}
            </Button>
            {can(me, 'opportunities', 'export') ? (
              <ExportButton entity="opportunities" query={{ ...query, sort }} columns={EXPORT_COLUMNS} />
            ) : null}
            {can(me, 'opportunities', 'create') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('opportunities.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <SavedViewsBar
          entity="opportunities"
          current={current}
          onApply={(c) => {
            const { q: savedQ, ...rest } = (c.filters ?? {}) as Record<string, string>;
            setFilters(rest as OpportunityFilters);
            setSearch(savedQ ?? '');
            setSort(c.sort ?? '-updatedAt');
          }}
        />
        <Flex gap={8} wrap style={{ margin: '12px 0' }}>
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('opportunities.filters.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('opportunities.filters.pipeline')}
            value={filters.pipelineId}
            options={(pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            onChange={(v) => set({ pipelineId: v || undefined, stageId: undefined })}
          />
          <Select
            allowClear
            style={{ minWidth: 150 }}
            placeholder={t('opportunities.filters.stage')}
            value={filters.stageId}
            options={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: stageLabel(s) }))}
            onChange={(v) => set({ stageId: v || undefined })}
          />
          <Select
            allowClear
            style={{ minWidth: 120 }}
            placeholder={t('opportunities.filters.status')}
            value={filters.status}
            options={(['open', 'won', 'lost'] as const).map((s) => ({
              value: s,
              label: t(`opportunities.status.${s}`),
            }))}
            onChange={(v) => set({ status: v || undefined })}
          />
          <UserSelect
            style={{ minWidth: 180 }}
            placeholder={t('opportunities.filters.owner')}
            value={filters.ownerId}
            onChange={(v) => set({ ownerId: v || undefined })}
          />
          <Select
            allowClear
            style={{ minWidth: 150 }}
            placeholder={t('opportunities.filters.channel')}
            value={filters.channel}
            options={dict.options('leadChannel')}
            onChange={(v) => set({ channel: v || undefined })}
          />
          <DatePicker.RangePicker
            placeholder={[t('opportunities.filters.closeFrom'), t('opportunities.filters.closeTo')]}
            value={[
              filters.expectedCloseFrom ? dayjs(filters.expectedCloseFrom) : null,
              filters.expectedCloseTo ? dayjs(filters.expectedCloseTo) : null,
            ]}
            onChange={(r) =>
              set({
                expectedCloseFrom: r?.[0]?.format('YYYY-MM-DD'),
                expectedCloseTo: r?.[1]?.format('YYYY-MM-DD'),
              })
            }
          />
        </Flex>
        <Table<Opportunity>
          rowKey="id"
          data-testid="opportunities-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = s?.columnKey as string | undefined;
            setSort(!field || !s?.order ? '-updatedAt' : s.order === 'ascend' ? field : `-${field}`);
          }}
        />
        <CursorPager
          total={list.data ? `${list.data.total}${list.data.totalCapped ? '+' : ''}` : undefined}
          page={pages.page}
          hasPrev={pages.hasPrev}
          nextCursor={list.data?.nextCursor}
          onPrev={pages.prev}
          onNext={pages.next}
          pageSize={pageSize}
          onPageSize={setPageSize}
          loading={list.isFetching}
        />
      </Card>
      {creating ? <OpportunityForm open pipeline={pipeline} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
