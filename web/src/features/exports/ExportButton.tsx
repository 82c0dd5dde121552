import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Dropdown, Modal, Progress, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../ui';
import {
  downloadExport,
  fetchExport,
  percentOf,
  startExport,
  type ExportChoice,
  type ExportEntity,
  type ExportRequest,
} from './exports.api';

function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Props {
  entity: ExportEntity;
  query: ExportRequest['query'];
  columns?: string[];
}

/**
 * Export of a list as it is shown (filters, sort, visible columns): the server writes the file as a
 * job, the modal shows its progress, and the file downloads when it is ready.
 */
export function ExportButton({ entity, query, columns }: Props) {
  const { t } = useTranslation();
  const { showError, showSuccess } = useApiFeedback();
  const [jobId, setJobId] = useState<string | null>(null);
  const downloaded = useRef<string | null>(null);

  const start = useMutation({
    mutationFn: (choice: ExportChoice) => startExport({ entity, choice, query, columns }),
    onSuccess: ({ id }) => setJobId(id),
    onError: (error) => showError(error),
  });
  const job = useQuery({
    queryKey: ['exports', jobId],
    queryFn: () => fetchExport(jobId!),
    enabled: !!jobId,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'done' || s === 'failed' || s === 'cancelled' ? false : 500;
    },
  });
  const fetchFile = useMutation({
    mutationFn: (id: string) => downloadExport(id),
    onSuccess: ({ blob, filename }) => {
      saveFile(blob, filename ?? job.data?.fileName ?? `${entity}.csv`);
      showSuccess(t('exports.done'));
      setJobId(null);
    },
    onError: (error) => showError(error),
  });

  const status = job.data?.status;
  useEffect(() => {
    if (jobId && status === 'done' && downloaded.current !== jobId) {
      downloaded.current = jobId;
      fetchFile.mutate(jobId);
    }
  }, [jobId, status, fetchFile]);

  const failed = status === 'failed' || status === 'cancelled';
  const progress = job.data?.progress;
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'xlsx', label: <span data-testid={`export-${entity}-xlsx`}>{t('exports.xlsx')}</span> },
            { key: 'csv', label: <span data-testid={`export-${entity}-csv`}>{t('exports.csvUtf8')}</span> },
            {
              key: 'csv-gbk',
              label: <span data-testid={`export-${entity}-gbk`}>{t('exports.csvGbk')}</span>,
            },
          ],
          onClick: ({ key }) => start.mutate(key as ExportChoice),
        }}
      >
        <Button icon={<DownloadOutlined />} loading={start.isPending} data-testid={`export-${entity}`}>
          {t('exports.button')} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={!!jobId}
        title={t('exports.title', { entity: t(`exports.entities.${entity}`) })}
        onCancel={() => setJobId(null)}
        footer={
          <Button onClick={() => setJobId(null)} data-testid="export-close">
            {t('exports.close')}
          </Button>
        }
        destroyOnHidden
      >
        {failed ? (
          <Alert
            type="error"
            showIcon
            title={t('exports.failed')}
            description={job.data?.error ?? undefined}
          />
        ) : (
          <>
            <Progress
              percent={status === 'done' ? 100 : percentOf(progress)}
              status={status === 'done' ? 'success' : 'active'}
              data-testid="export-progress"
            />
            <Typography.Text type="secondary">
              {progress?.total != null
                ? t('exports.rows', { processed: progress.processed, total: progress.total })
                : t('exports.preparing')}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">{t('exports.background')}</Typography.Text>
          </>
        )}
      </Modal>
    </>
  );
}
