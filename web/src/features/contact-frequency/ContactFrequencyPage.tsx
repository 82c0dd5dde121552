import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Segmented,
  Select,
  Statistic,
  Table,
  Tag,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader, errorMessage, formatDateTime } from '../../ui';
import { UserSelect } from '../users/UserSelect';
import { BarChart } from './BarChart';
import { barOption, barsOf } from './chart-option';
import { contactFrequencyKey, listOverdue, type OverdueCustomer } from './contact-frequency.api';

/** 联系频率: customers overdue for contact against their grade's target, per rep and team. */
export function ContactFrequencyPage() {
  const { t } = useTranslation();
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const [grade, setGrade] = useState<string | undefined>();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [by, setBy] = useState<'owner' | 'team'>('owner');
  const [cursor, setCursor] = useState<string | null>(null);
  const query = { ownerId, grade, teamId, cursor, limit: 50 };
  const data = useQuery({ queryKey: [...contactFrequencyKey, query], queryFn: () => listOverdue(query) });
  const summary = data.data?.summary;
  const bars =
    by === 'owner'
      ? barsOf(summary?.byOwner ?? [], (r) => r.ownerName, '—')
      : barsOf(summary?.byTeam ?? [], (r) => r.teamName, t('contactFrequency.noTeam'));

  const columns: TableProps<OverdueCustomer>['columns'] = [
    {
      title: t('contactFrequency.customer'),
      dataIndex: 'name',
      render: (name: string, r) => <Link to={`/customers/${r.id}`}>{name}</Link>,
    },
    {
      title: t('contactFrequency.grade'),
      dataIndex: 'grade',
      width: 80,
      render: (g: string) => <Tag>{g}</Tag>,
    },
    { title: t('contactFrequency.owner'), dataIndex: 'ownerName', width: 120 },
    {
      title: t('contactFrequency.team'),
      dataIndex: 'teamName',
      width: 120,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('contactFrequency.lastContact'),
      dataIndex: 'lastContactAt',
      width: 170,
      render: (v: string | null) => (v ? formatDateTime(v) : <Tag>{t('contactFrequency.never')}</Tag>),
    },
    {
      title: t('contactFrequency.target'),
      dataIndex: 'targetDays',
      width: 110,
      render: (d: number) => t('contactFrequency.days', { count: d }),
    },
    {
      title: t('contactFrequency.overdue'),
      dataIndex: 'daysOverdue',
      width: 110,
      render: (d: number) => <Tag color="red">{t('contactFrequency.days', { count: d })}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('contactFrequency.title')}
        description={t('contactFrequency.description')}
        extra={
          <Button>
            <Link to="/admin/contact-frequency">{t('contactFrequency.settings')}</Link>
          </Button>
        }
      />
      {data.isError ? (
        <Alert type="error" showIcon title={errorMessage(data.error, t('common.requestFailed'))} />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          <UserSelect
            style={{ width: 240 }}
            value={ownerId}
            onChange={(v) => {
              setOwnerId(v);
              setCursor(null);
            }}
            placeholder={t('contactFrequency.owner')}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            value={grade}
            placeholder={t('contactFrequency.grade')}
            onChange={(v) => {
              setGrade(v);
              setCursor(null);
            }}
            options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }))}
          />
          {teamId ? (
            <Tag
              closable
              onClose={() => {
                setTeamId(undefined);
                setCursor(null);
              }}
            >
              {summary?.byTeam.find((r) => r.teamId === teamId)?.teamName ?? t('contactFrequency.team')}
            </Tag>
          ) : null}
        </Flex>
      </Card>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t('contactFrequency.total')} value={data.data?.total ?? 0} />
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card
            title={t('contactFrequency.chart')}
            extra={
              <Segmented<'owner' | 'team'>
                value={by}
                onChange={setBy}
                options={[
                  { value: 'owner', label: t('contactFrequency.byOwner') },
                  { value: 'team', label: t('contactFrequency.byTeam') },
                ]}
              />
            }
          >
            <BarChart
              option={barOption(bars, t('contactFrequency.total'))}
              style={{ height: Math.max(160, bars.length * 32 + 40) }}
              onClick={(index) => {
                if (by !== 'team') return;
                const name = barOption(bars, '').yAxis.data[index];
                const row = summary?.byTeam.find(
                  (r) => (r.teamName ?? t('contactFrequency.noTeam')) === name,
                );
                if (row?.teamId) {
                  setTeamId(row.teamId);
                  setCursor(null);
                }
              }}
            />
          </Card>
        </Col>
      </Row>
      <Card>
        <Table<OverdueCustomer>
          rowKey="id"
          columns={columns}
          dataSource={data.data?.items ?? []}
          loading={data.isPending}
          pagination={false}
          data-testid="contact-frequency-table"
        />
        <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
          {cursor ? <Button onClick={() => setCursor(null)}>{t('contactFrequency.first')}</Button> : null}
          {data.data?.nextCursor ? (
            <Button onClick={() => setCursor(data.data!.nextCursor)}>{t('contactFrequency.next')}</Button>
          ) : null}
        </Flex>
      </Card>
    </>
  );
}
