import { DatabaseOutlined, ReloadOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { CursorPager, PageHeader, formatDateTime, useApiFeedback, useCursorPages } from '../../ui';
import { isActive, percent, pollInterval, progressStatus } from './job-progress';
import { cancelJob, jobsKey, listJobs, retryJob, startDemoData, type Job, type JobStatus } from './jobs.api';

export const STATUS_COLORS: Record<JobStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'warning',
};

const STATUSES: JobStatus[] = ['queued', 'running', 'done', 'failed', 'cancelled'];

export function JobsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [status, setStatus] = useState<JobStatus | undefined>();
  const [name, setName] = useState<string | undefined>();
  const [pageSize, setPageSize] = useState(50);
  const pages = useCursorPages(JSON.stringify({ status, name, pageSize }));
  const jobs = useQuery({
    queryKey: [...jobsKey, { status, name }, pages.cursor, pageSize],
    queryFn: () => listJobs({ status, name, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => pollInterval(query.state.data?.items),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: jobsKey });

  const act = useMutation({
    mutationFn: ({ job, action }: { job: Job; action: 'cancel' | 'retry' }) =>
      action === 'cancel' ? cancelJob(job.id) : retryJob(job.id),
    onSuccess: (_r, { action }) => {
      showSuccess(action === 'cancel' ? t('jobs.cancelled') : t('jobs.retried'));
      void refresh();
    },
    onError: (error) => {
      showError(error);
      void refresh();
    },
  });

  const demo = useMutation({
    mutationFn: startDemoData,
    onSuccess: () => {
      showSuccess(t('jobs.demoStarted'));
      void refresh();
    },
    onError: (error) => showError(error),
  });

  const polling = pollInterval(jobs.data?.items) !== false;

  return (
    <>
      <PageHeader
        title={t('jobs.title')}
        description={t('jobs.description')}
        extra={
          <>
            {me?.roles.includes('admin') ? (
              <Popconfirm title={t('jobs.demoConfirm')} onConfirm={() => demo.mutate()}>
                <Button icon={<DatabaseOutlined />} loading={demo.isPending} data-testid="load-demo-data">
                  {t('jobs.loadDemo')}
                </Button>
              </Popconfirm>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={() => void refresh()}>
              {t('common.refresh')}
            </Button>
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('jobs.filterStatus')}
            style={{ width: 150 }}
            value={status}
            onChange={setStatus}
            options={STATUSES.map((s) => ({ value: s, label: t(`jobs.statuses.${s}`) }))}
          />
          <Input.Search
            allowClear
            placeholder={t('jobs.filterName')}
            style={{ width: 220 }}
            onSearch={(v) => setName(v.trim() || undefined)}
          />
          {polling ? (
            <Typography.Text type="secondary">
              <SyncOutlined spin /> {t('jobs.autoRefresh')}
            </Typography.Text>
          ) : null}
        </Flex>
        <Table<Job>
          rowKey="id"
          dataSource={jobs.data?.items ?? []}
          loading={jobs.isPending}
          pagination={false}
          data-testid="jobs-table"
          scroll={{ x: 1080 }}
          size="middle"
          columns={[
            {
              title: t('jobs.name'),
              dataIndex: 'name',
              width: 180,
              render: (jobName: string, job) => (
                <div>
                  <Typography.Text strong>
                    {t(`jobs.names.${jobName}`, { defaultValue: jobName })}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {jobName} · {job.id.slice(0, 8)}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 110,
              render: (s: JobStatus) => (
                <Tag color={STATUS_COLORS[s]} icon={s === 'running' ? <SyncOutlined spin /> : undefined}>
                  {t(`jobs.statuses.${s}`, { defaultValue: s })}
                </Tag>
              ),
            },
            {
              title: t('jobs.progress'),
              key: 'progress',
              width: 240,
              render: (_, job) => {
                const pct = percent(job);
                const processed = job.progress?.processed ?? 0;
                const total = job.progress?.total;
                return (
                  <div>
                    <Progress
                      percent={pct ?? 0}
                      status={progressStatus(job.status)}
                      size="small"
                      format={() => (total ? `${processed}/${total}` : pct === 100 ? '100%' : `${processed}`)}
                    />
                    {job.progress?.message ? (
                      <Typography.Text
                        type="secondary"
                        style={{ fontSize: 12 }}
                        ellipsis={{ tooltip: job.progress.message }}
                      >
                        {job.progress.message}
                      </Typography.Text>
                    ) : null}
                  </div>
                );
              },
            },
            {
              title: t('jobs.attempts'),
              key: 'attempts',
              width: 80,
              render: (_, job) => `${job.attempts}/${job.maxAttempts}`,
            },
            {
              title: t('jobs.time'),
              key: 'time',
              width: 180,
              render: (_, job) => (
                <div style={{ fontSize: 12 }}>
                  <div>
                    <Typography.Text type="secondary">{t('jobs.createdShort')}</Typography.Text>{' '}
                    {formatDateTime(job.createdAt)}
                  </div>
                  {job.finishedAt ? (
                    <div>
                      <Typography.Text type="secondary">{t('jobs.finishedShort')}</Typography.Text>{' '}
                      {formatDateTime(job.finishedAt)}
                    </div>
                  ) : null}
                </div>
              ),
            },
            {
              title: t('jobs.error'),
              dataIndex: 'error',
              width: 180,
              render: (error: string | null) =>
                error ? (
                  <Tooltip title={error}>
                    <Badge
                      status="error"
                      text={
                        <Typography.Text type="danger" ellipsis style={{ maxWidth: 200 }}>
                          {error}
                        </Typography.Text>
                      }
                    />
                  </Tooltip>
                ) : (
                  '—'
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 110,
              fixed: 'right',
              render: (_, job) =>
                can(me, 'jobs', 'update') ? (
                  <Space size={0}>
                    {isActive(job) ? (
                      <Popconfirm
                        title={t('jobs.cancelConfirm')}
                        onConfirm={() => act.mutate({ job, action: 'cancel' })}
                      >
                        <Button type="link" size="small" danger icon={<StopOutlined />}>
                          {t('jobs.cancel')}
                        </Button>
                      </Popconfirm>
                    ) : null}
                    {job.status === 'failed' || job.status === 'cancelled' ? (
                      <Button
                        type="link"
                        size="small"
                        icon={<ReloadOutlined />}
                        onClick={() => act.mutate({ job, action: 'retry' })}
                      >
                        {t('jobs.retry')}
                      </Button>
                    ) : null}
                  </Space>
                ) : null,
            },
          ]}
        />
        <CursorPager
          total={jobs.data?.total}
          page={pages.page}
          hasPrev={pages.hasPrev}
          nextCursor={jobs.data?.nextCursor}
          onPrev={pages.prev}
          onNext={pages.next}
          pageSize={pageSize}
          onPageSize={setPageSize}
          loading={jobs.isFetching}
        />
      </Card>
    </>
  );
}
