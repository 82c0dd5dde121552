import { ApiOutlined, ReloadOutlined, RobotOutlined, UserOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_COLORS, ChangeList, CursorPager, PageHeader, formatDateTime, useCursorPages } from '../../ui';
import { catalogKey, fetchCatalog } from '../roles/roles.api';
import { UserSelect } from '../users/UserSelect';
import {
  AUDIT_ACTIONS,
  auditKey,
  auditRecordLabel,
  listAudit,
  type AuditEntry,
  type AuditFilters,
} from './audit-log.api';

const ACTOR_ICONS = { user: <UserOutlined />, apiKey: <ApiOutlined />, system: <RobotOutlined /> };

export function AuditLogPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [pageSize, setPageSize] = useState(50);
  const pages = useCursorPages(JSON.stringify({ filters, pageSize }));
  const catalog = useQuery({ queryKey: catalogKey, queryFn: fetchCatalog, staleTime: Infinity });
  const entries = useQuery({
    queryKey: [...auditKey, filters, pages.cursor, pageSize],
    queryFn: () => listAudit({ ...filters, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });

  const entityOptions = [
    ...new Set([...(catalog.data?.entities.map((e) => e.key) ?? []), 'auth', 'orgs']),
  ].map((key) => ({
    value: key,
    label: t(`entities.${key}`, { defaultValue: key }),
  }));
  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K] | null | undefined) =>
    setFilters((old) => ({ ...old, [key]: value ?? undefined }));

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('audit.filterEntity')}
            style={{ width: 160 }}
            value={filters.entity}
            onChange={(v: string | undefined) => set('entity', v)}
            options={entityOptions}
            data-testid="audit-filter-entity"
          />
          <Select
            allowClear
            placeholder={t('audit.filterAction')}
            style={{ width: 140 }}
            value={filters.action}
            onChange={(v: string | undefined) => set('action', v)}
            options={AUDIT_ACTIONS.map((a) => ({
              value: a,
              label: t(`audit.actions.${a}`, { defaultValue: a }),
            }))}
            data-testid="audit-filter-action"
          />
          <UserSelect
            placeholder={t('audit.filterActor')}
            style={{ width: 220 }}
            value={filters.actorId}
            onChange={(v: string | undefined) => set('actorId', v)}
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(value) => {
              setRange(value);
              setFilters((old) => ({
                ...old,
                from: value?.[0]?.startOf('day').toISOString(),
                to: value?.[1]?.endOf('day').toISOString(),
              }));
            }}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setFilters({});
              setRange(null);
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
        <Table<AuditEntry>
          rowKey="id"
          data-testid="audit-log-table"
          size="middle"
          loading={entries.isFetching}
          dataSource={entries.data?.items ?? []}
          pagination={false}
          expandable={{
            expandedRowRender: (entry) => (
              <ChangeList changes={entry.changes} entity={entry.entity} action={entry.action} />
            ),
            rowExpandable: (entry) => entry.changes.length > 0,
          }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 160, render: formatDateTime },
            {
              title: t('audit.actor'),
              key: 'actor',
              width: 200,
              render: (_, entry) => (
                <Space size={6}>
                  <Tooltip
                    title={t(`audit.actorKinds.${entry.actorKind}`, { defaultValue: entry.actorKind })}
                  >
                    <span style={{ color: '#8c8c8c' }}>
                      {ACTOR_ICONS[entry.actorKind] ?? <UserOutlined />}
                    </span>
                  </Tooltip>
                  <span>{entry.actorName ?? (entry.actorKind === 'system' ? t('audit.system') : '—')}</span>
                </Space>
              ),
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              width: 110,
              render: (action: string) => (
                <Tag color={ACTION_COLORS[action]} data-testid={`audit-action-${action}`}>
                  {t(`audit.actions.${action}`, { defaultValue: action })}
                </Tag>
              ),
            },
            {
              title: t('audit.entity'),
              dataIndex: 'entity',
              width: 130,
              render: (entity: string) => t(`entities.${entity}`, { defaultValue: entity }),
            },
            {
              title: t('audit.record'),
              dataIndex: 'entityId',
              render: (id: string | null, entry) => {
                const label = auditRecordLabel(entry);
                const fields = entry.changes.map((c) =>
                  t(`fields.${entry.entity}.${c.field}`, { defaultValue: c.field }),
                );
                return (
                  <Space size={8} wrap={false}>
                    {label ? <Typography.Text strong>{label}</Typography.Text> : null}
                    {id ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: id }}>
                        #{id.slice(-8)}
                      </Typography.Text>
                    ) : null}
                    {(entry.action === 'update' || entry.action === 'reveal') && fields.length ? (
                      <Typography.Text
                        type="secondary"
                        style={{ fontSize: 12 }}
                        ellipsis={{ tooltip: fields.join(', ') }}
                      >
                        {t(entry.action === 'reveal' ? 'audit.revealedFields' : 'audit.changedFields', {
                          fields: fields.slice(0, 4).join(', '),
                        })}
                      </Typography.Text>
                    ) : null}
                  </Space>
                );
              },
            },
            { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
          ]}
        />
        <CursorPager
          total={entries.data?.total}
          page={pages.page}
          hasPrev={pages.hasPrev}
          nextCursor={entries.data?.nextCursor}
          onPrev={pages.prev}
          onNext={pages.next}
          pageSize={pageSize}
          onPageSize={setPageSize}
          loading={entries.isFetching}
        />
      </Card>
    </>
  );
}
