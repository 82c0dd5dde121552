import {
  DownloadOutlined,
  DownOutlined,
  LeftOutlined,
  PlusOutlined,
  ReloadOutlined,
  RightOutlined,
  RollbackOutlined,
  SyncOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Dropdown,
  Flex,
  Modal,
  Popconfirm,
  Popover,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { PageHeader, formatDateTime, testId, useApiFeedback, useCursorPages } from '../../ui';
import { historyPollInterval, importPercent, isActive } from './import-wizard';
import { useErrorReport } from './ImportProgress';
import { ImportStatusTag } from './ImportStatusTag';
import {
  importsKey,
  listImportEntities,
  listImports,
  undoImport,
  type ImportEntity,
  type ImportSummary,
} from './imports.api';

/**
 * The records an undo left alone. Also rendered inside a modal, which lives outside the router:
 * so plain links that navigate, not <Link>.
 */
function ConflictList({ summary, onOpen }: { summary: ImportSummary; onOpen: (id: string) => void }) {
  const conflicts = summary.undoConflicts ?? [];
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 240, overflow: 'auto' }}>
      {conflicts.map((c) => (
        <li key={c.id}>
          {summary.entity === 'customers' ? (
            <Typography.Link
              href={`/customers/${c.id}`}
              onClick={(e) => {
                e.preventDefault();
                onOpen(c.id);
              }}
            >
              {c.name}
            </Typography.Link>
          ) : (
            c.name
          )}
        </li>
      ))}
    </ul>
  );
}

/** 导入记录: every import the user may see, with its error report and undo. */
export function ImportHistoryPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const report = useErrorReport();
  const [entity, setEntity] = useState<ImportEntity | undefined>();
  const [pageSize] = useState(20);
  // Imports whose undo this page started: when one settles, say what was left alone.
  const [watching, setWatching] = useState<string[]>([]);
  const pages = useCursorPages(JSON.stringify({ entity }));
  const openCustomer = useCallback(
    (id: string) => {
      Modal.destroyAll();
      navigate(`/customers/${id}`);
    },
    [navigate],
  );

  // Labels come translated from the server: one cache entry per language.
  const entities = useQuery({
    queryKey: [...importsKey, 'entities', i18n.language],
    queryFn: listImportEntities,
  });
  const entityLabel = (e: string) =>
    entities.data?.items.find((i) => i.entity === e)?.label ?? t(`entities.${e}`, { defaultValue: e });
  const keyLabel = (e: string, key: string) =>
    entities.data?.items.find((i) => i.entity === e)?.keys.find((k) => k.key === key)?.label ?? key;

  const list = useQuery({
    queryKey: [...importsKey, 'list', entity, pages.cursor, pageSize],
    queryFn: () => listImports({ entity, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => historyPollInterval(query.state.data?.items),
  });
  const items = list.data?.items ?? [];

  useEffect(() => {
    const settled = items.filter((i) => watching.includes(i.id) && i.status === 'undone');
    if (!settled.length) return;
    setWatching((old) => old.filter((id) => !settled.some((s) => s.id === id)));
    for (const s of settled) {
      if (s.undoConflicts?.length)
        modal.warning({
          title: t('imports.history.undoConflictsTitle', { count: s.undoConflicts.length }),
          content: (
            <div data-testid="undo-conflicts">
              <Typography.Paragraph>{t('imports.history.undoConflictsHint')}</Typography.Paragraph>
              <ConflictList summary={s} onOpen={openCustomer} />
            </div>
          ),
        });
      else showSuccess(t('imports.history.undone', { name: s.fileName }));
    }
  }, [items, watching, modal, showSuccess, t, openCustomer]);

  const undo = useMutation({
    mutationFn: (summary: ImportSummary) => undoImport(summary.id),
    onSuccess: (_r, summary) => {
      setWatching((old) => [...old, summary.id]);
      void queryClient.invalidateQueries({ queryKey: importsKey });
    },
    onError: (error) => {
      showError(error);
      void queryClient.invalidateQueries({ queryKey: importsKey });
    },
  });

  const canUndo = can(me, 'imports', 'delete');
  const polling = historyPollInterval(items) !== false;

  return (
    <>
      <PageHeader
        title={t('imports.history.title')}
        description={t('imports.history.description')}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void queryClient.invalidateQueries({ queryKey: importsKey })}
            >
              {t('common.refresh')}
            </Button>
            {can(me, 'imports', 'create') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(`/imports/new${entity ? `?entity=${entity}` : ''}`)}
                data-testid="new-import"
              >
                {t('imports.history.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('imports.history.filterEntity')}
            style={{ width: 180 }}
            value={entity}
            onChange={setEntity}
            options={(entities.data?.items ?? []).map((e) => ({ value: e.entity, label: e.label }))}
          />
          {polling ? (
            <Typography.Text type="secondary">
              <SyncOutlined spin /> {t('imports.history.autoRefresh')}
            </Typography.Text>
          ) : null}
        </Flex>
        <Table<ImportSummary>
          rowKey="id"
          size="middle"
          data-testid="imports-table"
          loading={list.isPending}
          dataSource={items}
          pagination={false}
          scroll={{ x: 1160 }}
          locale={{ emptyText: t('imports.history.empty') }}
          columns={[
            {
              key: 'file',
              title: t('imports.history.file'),
              width: 220,
              render: (_, s) => (
                <div>
                  <Typography.Text strong ellipsis={{ tooltip: s.fileName }} style={{ maxWidth: 220 }}>
                    {s.fileName}
                  </Typography.Text>
                  <div>
                    <Tag>{s.format.toUpperCase()}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {entityLabel(s.entity)}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            {
              key: 'mode',
              title: t('imports.history.mode'),
              width: 130,
              render: (_, s) => (
                <span>
                  {t(`imports.modes.${s.mode}`)}
                  {s.mode === 'upsert' && s.key ? (
                    <Typography.Text type="secondary"> · {keyLabel(s.entity, s.key)}</Typography.Text>
                  ) : null}
                </span>
              ),
            },
            {
              key: 'status',
              title: t('common.status'),
              width: 150,
              render: (_, s) => (
                <Space size={4} wrap>
                  <ImportStatusTag status={s.status} />
                  {s.undoConflicts?.length ? (
                    <Popover
                      title={t('imports.history.undoConflictsTitle', { count: s.undoConflicts.length })}
                      content={<ConflictList summary={s} onOpen={openCustomer} />}
                    >
                      <Tag color="warning" icon={<WarningOutlined />} data-testid="undo-conflicts-tag">
                        {t('imports.history.leftAlone', { count: s.undoConflicts.length })}
                      </Tag>
                    </Popover>
                  ) : null}
                  {s.error ? (
                    <Typography.Text type="danger" ellipsis={{ tooltip: s.error }} style={{ maxWidth: 150 }}>
                      {s.error}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              key: 'counts',
              title: t('imports.history.counts'),
              width: 230,
              render: (_, s) =>
                isActive(s.status) ? (
                  <Progress
                    percent={importPercent(s)}
                    size="small"
                    status="active"
                    format={() =>
                      s.progress.total
                        ? `${s.progress.processed}/${s.progress.total}`
                        : `${s.progress.processed}`
                    }
                  />
                ) : (
                  <Space size={4} wrap data-testid="import-counts">
                    <Tag color="success">{t('imports.history.created', { count: s.counts.created })}</Tag>
                    {s.counts.updated ? (
                      <Tag color="blue">{t('imports.history.updated', { count: s.counts.updated })}</Tag>
                    ) : null}
                    {s.counts.skipped ? (
                      <Tag>{t('imports.history.skipped', { count: s.counts.skipped })}</Tag>
                    ) : null}
                    {s.counts.failed ? (
                      <Tag color="error">{t('imports.history.failed', { count: s.counts.failed })}</Tag>
                    ) : null}
                  </Space>
                ),
            },
            {
              key: 'by',
              title: t('imports.history.by'),
              width: 110,
              render: (_, s) => s.createdByName ?? '—',
            },
            {
              key: 'when',
              title: t('imports.history.when'),
              width: 150,
              render: (_, s) => (
                <div style={{ fontSize: 12 }}>
                  <div>{formatDateTime(s.createdAt)}</div>
                  {s.undoneAt ? (
                    <Typography.Text type="secondary">
                      {t('imports.history.undoneAt', { at: formatDateTime(s.undoneAt) })}
                    </Typography.Text>
                  ) : null}
                </div>
              ),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 190,
              fixed: 'right',
              render: (_, s) => (
                <Space size={0}>
                  {s.counts.failed + s.counts.skipped > 0 ? (
                    <Dropdown
                      trigger={['click']}
                      menu={{
                        items: [
                          { key: 'xlsx', label: t('imports.result.reportXlsx') },
                          { key: 'csv', label: t('imports.result.reportCsv') },
                        ],
                        onClick: ({ key }) => report.mutate({ id: s.id, format: key as 'csv' | 'xlsx' }),
                      }}
                    >
                      <Button
                        type="link"
                        size="small"
                        icon={<DownloadOutlined />}
                        data-testid="import-error-report"
                      >
                        {t('imports.history.errorReport')} <DownOutlined />
                      </Button>
                    </Dropdown>
                  ) : null}
                  {canUndo &&
                  (s.status === 'done' || s.status === 'failed') &&
                  s.counts.created + s.counts.updated > 0 ? (
                    <Popconfirm
                      title={t('imports.history.undoConfirm')}
                      description={t('imports.history.undoConfirmHint', {
                        created: s.counts.created,
                        updated: s.counts.updated,
                      })}
                      okButtonProps={{ danger: true, ...testId('import-undo-confirm') }}
                      onConfirm={() => undo.mutateAsync(s).catch(() => undefined)}
                    >
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<RollbackOutlined />}
                        data-testid="import-undo"
                      >
                        {t('imports.history.undo')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
        <Flex justify="flex-end" align="center" gap={12} style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">
            {t('imports.history.page', { page: pages.page })}
          </Typography.Text>
          <Button icon={<LeftOutlined />} disabled={!pages.hasPrev || list.isFetching} onClick={pages.prev}>
            {t('common.prevPage')}
          </Button>
          <Button
            disabled={!list.data?.nextCursor || list.isFetching}
            onClick={() => list.data?.nextCursor && pages.next(list.data.nextCursor)}
          >
            {t('common.nextPage')} <RightOutlined />
          </Button>
        </Flex>
      </Card>
    </>
  );
}
