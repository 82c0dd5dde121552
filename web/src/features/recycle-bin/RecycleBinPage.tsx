import { RollbackOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Popconfirm, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorPager, PageHeader, formatDateTime, useApiFeedback, useCursorPages } from '../../ui';
import {
  RESTORABLE,
  entityPath,
  listDeleted,
  recycleBinKey,
  restoreRecord,
  type DeletedRecord,
} from './recycle-bin.api';

export function RecycleBinPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [entity, setEntity] = useState<string | undefined>();
  // Entities of the core catalogue, or the bin's own names for the ones it lacks.
  const entityName = (e: string) => t(`entities.${e}`, { defaultValue: e });
  const [pageSize, setPageSize] = useState(50);
  const pages = useCursorPages(`${entity ?? ''}-${pageSize}`);
  const records = useQuery({
    queryKey: [...recycleBinKey, entity, pages.cursor, pageSize],
    queryFn: () => listDeleted({ entity, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });

  const restore = useMutation({
    mutationFn: restoreRecord,
    onSuccess: (_result, record) => {
      showSuccess(t('recycleBin.restored', { label: record.label }));
      void queryClient.invalidateQueries({ queryKey: recycleBinKey });
      const path = entityPath(record.entity);
      if (path) void queryClient.invalidateQueries({ queryKey: [path] });
    },
    onError: (error) => showError(error),
  });

  return (
    <>
      <PageHeader title={t('recycleBin.title')} description={t('recycleBin.description')} />
      <Card>
        <Flex gap={12} style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('recycleBin.filterEntity')}
            style={{ width: 180 }}
            value={entity}
            onChange={setEntity}
            options={Object.keys(RESTORABLE).map((key) => ({
              value: key,
              label: entityName(key),
            }))}
            data-testid="recycle-filter-entity"
          />
        </Flex>
        <Table<DeletedRecord>
          rowKey={(r) => `${r.entity}:${r.id}`}
          loading={records.isFetching}
          dataSource={records.data?.items ?? []}
          pagination={false}
          data-testid="recycle-bin-table"
          locale={{ emptyText: t('recycleBin.empty') }}
          columns={[
            { title: t('recycleBin.record'), dataIndex: 'label' },
            {
              title: t('recycleBin.type'),
              dataIndex: 'entity',
              width: 140,
              render: (e: string) => <Tag>{entityName(entityPath(e) ?? e)}</Tag>,
            },
            { title: t('recycleBin.deletedAt'), dataIndex: 'deletedAt', width: 170, render: formatDateTime },
            {
              title: t('recycleBin.deletedBy'),
              dataIndex: 'deletedByName',
              width: 160,
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 120,
              render: (_, record) =>
                entityPath(record.entity) ? (
                  <Popconfirm
                    title={t('recycleBin.restoreConfirm', { label: record.label })}
                    onConfirm={() => restore.mutate(record)}
                  >
                    <Button
                      type="link"
                      size="small"
                      icon={<RollbackOutlined />}
                      loading={restore.isPending && restore.variables?.id === record.id}
                      data-testid={`restore-${record.id}`}
                    >
                      {t('recycleBin.restore')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
        <CursorPager
          total={records.data?.total}
          page={pages.page}
          hasPrev={pages.hasPrev}
          nextCursor={records.data?.nextCursor}
          onPrev={pages.prev}
          onNext={pages.next}
          pageSize={pageSize}
          onPageSize={setPageSize}
          loading={records.isFetching}
        />
      </Card>
    </>
  );
}
