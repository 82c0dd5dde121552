import { DownloadOutlined, HistoryOutlined, ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Result,
  Row,
  Space,
  Spin,
  Statistic,
  Typography,
  theme,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage, useApiFeedback } from '../../ui';
import { formatDuration, formatRate, importPercent, isActive, pollEverySecond } from './import-wizard';
import { ImportStatusTag } from './ImportStatusTag';
import {
  downloadErrorReport,
  fetchImport,
  importsKey,
  saveFile,
  type Counts,
  type ImportSummary,
} from './imports.api';

const COUNT_KEYS: (keyof Counts)[] = ['created', 'updated', 'skipped', 'failed'];

/** The error report of an import as CSV or Excel, saved by the browser. */
/** Where an entity's records are listed after an import. */
const LIST_PATHS: Record<string, string> = {
  customers: '/customers',
  contacts: '/contacts',
  leads: '/leads',
  marketStats: '/analytics/market',
};

export function useErrorReport() {
  const { showError } = useApiFeedback();
  return useMutation({
    mutationFn: ({ id, format }: { id: string; format: 'csv' | 'xlsx' }) => downloadErrorReport(id, format),
    onSuccess: ({ blob, filename }, { format }) => saveFile(blob, filename ?? `import-errors.${format}`),
    onError: (error) => showError(error),
  });
}

export function CountCards({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const colors: Record<keyof Counts, string | undefined> = {
    created: token.colorSuccess,
    updated: token.colorPrimary,
    skipped: undefined,
    failed: counts.failed > 0 ? token.colorError : undefined,
  };
  return (
    <Row gutter={[16, 16]}>
      {COUNT_KEYS.map((k) => (
        <Col key={k} xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t(`imports.counts.${k}`)}
              value={counts[k]}
              styles={{ content: { color: colors[k] } }}
              valueRender={(node) => <span data-testid={`import-count-${k}`}>{node}</span>}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Running({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const { processed, total } = summary.progress;
  return (
    <div data-testid="import-progress" style={{ maxWidth: 720, margin: '24px auto' }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{summary.fileName}</Typography.Text>
        <ImportStatusTag status={summary.status} />
      </Flex>
      <Progress percent={importPercent(summary)} status="active" />
      <Flex gap={24} wrap style={{ marginTop: 8 }}>
        <Typography.Text data-testid="import-processed">
          {total
            ? t('imports.run.processedOf', {
                processed: processed.toLocaleString(),
                total: total.toLocaleString(),
              })
            : t('imports.run.processed', { processed: processed.toLocaleString() })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('imports.run.rate', {
            rate: summary.rowsPerSecond !== null ? formatRate(summary.rowsPerSecond) : '—',
          })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('imports.run.eta', {
            eta: summary.etaSeconds !== null ? formatDuration(summary.etaSeconds) : '—',
          })}
        </Typography.Text>
      </Flex>
      {summary.status === 'queued' ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('imports.run.queued')}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}

interface Props {
  id: string;
  onRestart: () => void;
}

/** Steps 6 and 7: the running import (polled every second), then its counts and error report. */
export function ImportProgress({ id, onRestart }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const report = useErrorReport();
  const summary = useQuery({
    queryKey: [...importsKey, 'one', id],
    queryFn: () => fetchImport(id),
    refetchInterval: (query) => pollEverySecond(query.state.data?.status),
  });
  const data = summary.data;

  if (summary.error)
    return <Alert type="error" showIcon title={errorMessage(summary.error, t('common.requestFailed'))} />;
  if (!data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (isActive(data.status)) return <Running summary={data} />;

  const listPath = LIST_PATHS[data.entity] ?? '/customers';
  const failedRun = data.status === 'failed';
  return (
    <div data-testid="import-result">
      <Result
        status={failedRun ? 'error' : data.counts.failed > 0 ? 'warning' : 'success'}
        title={t(
          `imports.result.title.${failedRun ? 'failed' : data.status === 'undone' ? 'undone' : 'done'}`,
        )}
        subTitle={
          <Space orientation="vertical" size={4}>
            <span>
              {data.fileName} · {t('imports.result.rows', { count: data.progress.processed })}
            </span>
            {data.error ? <Typography.Text type="danger">{data.error}</Typography.Text> : null}
          </Space>
        }
        extra={
          <Space wrap>
            <Button
              type="primary"
              icon={<UnorderedListOutlined />}
              onClick={() => navigate(listPath)}
              data-testid="import-open-list"
            >
              {t(`imports.result.openList.${data.entity}`)}
            </Button>
            <Button
              icon={<HistoryOutlined />}
              onClick={() => navigate('/imports')}
              data-testid="import-history-link"
            >
              {t('imports.result.history')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={onRestart} data-testid="import-again">
              {t('imports.result.again')}
            </Button>
          </Space>
        }
      />
      <CountCards counts={data.counts} />
      {data.counts.failed + data.counts.skipped > 0 ? (
        <Alert
          style={{ marginTop: 16 }}
          type={data.counts.failed > 0 ? 'warning' : 'info'}
          showIcon
          title={t('imports.result.notImported', {
            failed: data.counts.failed,
            skipped: data.counts.skipped,
          })}
          description={t('imports.result.reportHint')}
          action={
            <Space>
              <Button
                icon={<DownloadOutlined />}
                loading={report.isPending && report.variables?.format === 'xlsx'}
                onClick={() => report.mutate({ id: data.id, format: 'xlsx' })}
                data-testid="import-errors-xlsx"
              >
                {t('imports.result.reportXlsx')}
              </Button>
              <Button
                icon={<DownloadOutlined />}
                loading={report.isPending && report.variables?.format === 'csv'}
                onClick={() => report.mutate({ id: data.id, format: 'csv' })}
                data-testid="import-errors-csv"
              >
                {t('imports.result.reportCsv')}
              </Button>
            </Space>
          }
        />
      ) : null}
    </div>
  );
}
