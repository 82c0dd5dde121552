import { ImportOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Flex,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { totalText } from '../../api';
import { CursorPager, PageHeader, formatDateTime, useApiFeedback, useCursorPages } from '../../ui';
import { useDictionaries } from '../customization';
import { ExportButton } from '../exports';
import { SavedViewsBar, type SavedViewConfig } from '../saved-views';
import { UserSelect } from '../users';
import { LeadFormModal } from './LeadFormModal';
import {
  bulkAssignLeads,
  LEAD_STATUSES,
  leadsKey,
  listLeads,
  type Lead,
  type LeadFilters,
} from './leads.api';

const FILTER_KEYS = ['q', 'status', 'channel', 'campaign', 'ownerId', 'sleeping', 'unassigned'] as const;

export const statusColor: Record<string, string> = {
  new: 'blue',
  contacted: 'cyan',
  qualified: 'green',
  disqualified: 'default',
  converted: 'purple',
};

export function LeadsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const dict = useDictionaries();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const key of FILTER_KEYS) {
      const v = params.get(key);
      if (v) f[key] = v;
    }
    return f as LeadFilters;
  }, [params]);
  const sort = params.get('sort') ?? undefined;
  const [search, setSearch] = useState(filters.q ?? '');
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [assignTo, setAssignTo] = useState<string | undefined>();
  const [assignOpen, setAssignOpen] = useState(false);
  const pages = useCursorPages(JSON.stringify({ filters, sort, pageSize }));

  const leads = useQuery({
    queryKey: [...leadsKey, 'list', filters, sort, pages.cursor, pageSize],
    queryFn: () => listLeads({ ...filters, sort, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const assign = useMutation({
    mutationFn: () => bulkAssignLeads(selected, assignTo!),
    onSuccess: (r) => {
      showSuccess(t('leads.bulk.done', { assigned: r.assigned, refused: r.refused.length }));
      setAssignOpen(false);
      setSelected([]);
      void queryClient.invalidateQueries({ queryKey: leadsKey });
    },
    onError: (e) => showError(e),
  });

  const canCreate = can(me, 'leads', 'create');
  const canAssign = can(me, 'leadAssignment', 'update');
  const applyView = (config: SavedViewConfig) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(config.filters))
      for (const v of Array.isArray(value) ? value : [value]) next.append(key, v);
    if (config.sort) next.set('sort', config.sort);
    setSearch(typeof config.filters.q === 'string' ? config.filters.q : '');
    setParams(next, { replace: true });
  };
  const sortOrder = (key: string) =>
    sort === key ? ('ascend' as const) : sort === `-${key}` ? ('descend' as const) : null;

  const columns: TableColumnsType<Lead> = [
    {
      key: 'name',
      title: t('leads.fields.name'),
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_: unknown, l: Lead) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => navigate(`/leads/${l.id}`)} data-testid={`lead-${l.id}`}>
            {l.name ?? l.company}
          </Typography.Link>
          {l.name && l.company ? <Typography.Text type="secondary">{l.company}</Typography.Text> : null}
        </Space>
      ),
    },
    { key: 'phones', title: t('leads.fields.phones'), render: (_: unknown, l: Lead) => l.phones.join(', ') },
    { key: 'emails', title: t('leads.fields.emails'), render: (_: unknown, l: Lead) => l.emails.join(', ') },
    {
      key: 'channel',
      title: t('leads.fields.channel'),
      render: (_: unknown, l: Lead) => (
        <Space direction="vertical" size={0}>
          <span>{dict.labelOf('leadChannel', l.channel)}</span>
          {l.campaign ? <Typography.Text type="secondary">{l.campaign}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('leads.fields.status'),
      render: (_: unknown, l: Lead) => (
        <Space size={4} wrap>
          <Tag color={statusColor[l.status]}>{t(`leads.status.${l.status}`)}</Tag>
          {l.sleeping ? <Tag color="red">{t('leads.sleeping')}</Tag> : null}
          {l.matchedCustomerId ? <Tag color="gold">{t('leads.matched')}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'ownerName',
      title: t('leads.fields.owner'),
      render: (_: unknown, l: Lead) =>
        l.ownerName ?? <Typography.Text type="secondary">{t('leads.unassigned')}</Typography.Text>,
    },
    {
      key: 'firstContactDueAt',
      title: t('leads.fields.due'),
      sorter: true,
      sortOrder: sortOrder('firstContactDueAt'),
      render: (_: unknown, l: Lead) => (l.firstContactDueAt ? formatDateTime(l.firstContactDueAt) : ''),
    },
    {
      key: 'createdAt',
      title: t('leads.fields.createdAt'),
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      render: (_: unknown, l: Lead) => formatDateTime(l.createdAt),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('leads.title')}
        description={t('leads.description')}
        extra={
          <>
            {can(me, 'leads', 'export') ? <ExportButton entity="leads" query={{ ...filters, sort }} /> : null}
            {canCreate && can(me, 'imports', 'create') ? (
              <Button
                icon={<ImportOutlined />}
                onClick={() => navigate('/imports/new?entity=leads')}
                data-testid="import-leads"
              >
                {t('imports.importButton')}
              </Button>
            ) : null}
            {canCreate ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-lead"
              >
                {t('leads.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <SavedViewsBar
            entity="leads"
            current={{ filters: { ...filters } as Record<string, string>, sort: sort ?? null, columns: [] }}
            onApply={applyView}
          />
        </Flex>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('leads.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v || undefined })}
            data-testid="lead-search"
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('leads.fields.status')}
            value={filters.status}
            onChange={(v) => update({ status: v })}
            options={LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) }))}
          />
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('leads.fields.channel')}
            value={filters.channel}
            onChange={(v) => update({ channel: v })}
            options={dict.options('leadChannel')}
          />
          <Input
            allowClear
            style={{ width: 180 }}
            placeholder={t('leads.fields.campaign')}
            defaultValue={filters.campaign}
            onPressEnter={(e) => update({ campaign: (e.target as HTMLInputElement).value || undefined })}
            onBlur={(e) => update({ campaign: e.target.value || undefined })}
          />
          <UserSelect
            style={{ width: 200 }}
            placeholder={t('leads.fields.owner')}
            value={filters.ownerId}
            onChange={(v) => update({ ownerId: v })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('leads.more')}
            value={filters.sleeping ? 'sleeping' : filters.unassigned ? 'unassigned' : undefined}
            onChange={(v) =>
              update({
                sleeping: v === 'sleeping' ? 'true' : undefined,
                unassigned: v === 'unassigned' ? 'true' : undefined,
              })
            }
            options={[
              { value: 'sleeping', label: t('leads.sleeping') },
              { value: 'unassigned', label: t('leads.unassigned') },
            ]}
            data-testid="lead-more-filter"
          />
        </Flex>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12, minHeight: 32 }}>
          {selected.length ? (
            <Space>
              <Typography.Text>{t('leads.selected', { count: selected.length })}</Typography.Text>
              {canAssign ? (
                <Button
                  size="small"
                  icon={<SwapOutlined />}
                  onClick={() => setAssignOpen(true)}
                  data-testid="lead-reassign"
                >
                  {t('leads.bulk.reassign')}
                </Button>
              ) : null}
              <Button size="small" type="link" onClick={() => setSelected([])}>
                {t('leads.clearSelection')}
              </Button>
            </Space>
          ) : (
            <span />
          )}
        </Flex>
        <Table<Lead>
          rowKey="id"
          size="middle"
          loading={leads.isFetching}
          dataSource={leads.data?.items ?? []}
          columns={columns}
          pagination={false}
          rowSelection={
            canAssign
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }
              : undefined
          }
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.columnKey as string | undefined;
            update({ sort: key && s?.order ? (s.order === 'descend' ? `-${key}` : key) : undefined });
          }}
          scroll={{ x: 1100 }}
        />
        <CursorPager
          total={totalText(leads.data)}
          page={pages.page}
          hasPrev={pages.hasPrev}
          nextCursor={leads.data?.nextCursor}
          onPrev={pages.prev}
          onNext={pages.next}
          pageSize={pageSize}
          onPageSize={setPageSize}
        />
      </Card>
      <LeadFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(l) => {
          setCreating(false);
          navigate(`/leads/${l.id}`);
        }}
      />
      <Modal
        open={assignOpen}
        title={t('leads.bulk.reassign')}
        onCancel={() => setAssignOpen(false)}
        onOk={() => assign.mutate()}
        okButtonProps={{ disabled: !assignTo, loading: assign.isPending }}
      >
        <Typography.Paragraph>{t('leads.bulk.hint', { count: selected.length })}</Typography.Paragraph>
        <UserSelect
          style={{ width: '100%' }}
          value={assignTo}
          onChange={setAssignTo}
          data-testid="lead-reassign-owner"
        />
      </Modal>
    </>
  );
}
