import { useQuery } from '@tanstack/react-query';
import { DatePicker, InputNumber, Space, Table, Tag, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../ui';
import { dealerKey, fetchDiagnosis, quantity, type DiagnosisItem } from './dealer-reports.api';

const COLORS = { stockBuildUp: 'orange', salesFalling: 'red', stockOutRisk: 'purple' } as const;

/** What each rep's dealers need: stock building up, sales falling, stock running out. */
export function DealerDiagnosisPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useState<string | undefined>();
  const [coverDays, setCoverDays] = useState(60);
  const q = useQuery({
    queryKey: [...dealerKey, 'diagnosis', month, coverDays],
    queryFn: () => fetchDiagnosis({ month, coverDays }),
  });
  const columns: TableProps<DiagnosisItem>['columns'] = [
    { title: t('dealerReports.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
    {
      title: t('dealerReports.dealer'),
      dataIndex: 'customerName',
      render: (v: string, r) => (
        <Link to={`/dealer-reports?customerId=${r.customerId}&month=${r.month}`}>{v}</Link>
      ),
    },
    {
      title: t('dealerReports.product'),
      key: 'product',
      render: (_, r) => `${r.productSku ?? ''} ${r.productName ?? ''}`,
    },
    {
      title: t('dealerReports.diagnosis'),
      dataIndex: 'diagnoses',
      render: (ds: DiagnosisItem['diagnoses']) =>
        ds.map((d) => (
          <Tag key={d} color={COLORS[d]}>
            {t(`dealerReports.diagnoses.${d}`)}
          </Tag>
        )),
    },
    {
      title: t('dealerReports.metrics.coverDays'),
      dataIndex: 'coverDays',
      render: (v: number | null) => v ?? '∞',
    },
    { title: t('dealerReports.fields.sold'), dataIndex: 'sold', render: quantity },
    { title: t('dealerReports.fields.closingStock'), dataIndex: 'closingStock', render: quantity },
  ];
  return (
    <>
      <PageHeader
        title={t('dealerReports.nav.diagnosis')}
        description={t('dealerReports.diagnosisDescription')}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          placeholder={q.data?.month ?? t('dealerReports.latestMonth')}
          value={month ? dayjs(`${month}-01`) : null}
          onChange={(d) => setMonth(d ? d.format('YYYY-MM') : undefined)}
        />
        <span>{t('dealerReports.coverLimit')}</span>
        <InputNumber min={1} max={3650} value={coverDays} onChange={(v) => setCoverDays(v ?? 60)} />
      </Space>
      <Table<DiagnosisItem>
        rowKey={(r) => `${r.customerId}|${r.productId}`}
        size="small"
        loading={q.isLoading}
        columns={columns}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        data-testid="dealer-diagnosis"
      />
    </>
  );
}
