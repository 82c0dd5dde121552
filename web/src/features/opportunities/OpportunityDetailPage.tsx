import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Result,
  Select,
  Skeleton,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { can, useMe } from '../../app/session';
import { HistoryTimeline, formatDateTime, useApiFeedback } from '../../ui';
import { LostReasonModal } from './LostReasonModal';
import { OpportunityForm } from './OpportunityForm';
import {
  changeStage,
  deleteOpportunity,
  fetchOpportunity,
  fetchOpportunityHistory,
  fetchStageHistory,
  listPipelines,
  opportunitiesKey,
  pipelinesKey,
  type Stage,
} from './opportunities.api';
import { moneyText, useSalesDictionaries, useStageLabel } from './opportunity-labels';

const STATUS_COLOR = { open: 'blue', won: 'green', lost: 'red' } as const;

/** One opportunity: its facts, a stage switcher, the stage history and the change history. */
export function OpportunityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const stageLabel = useStageLabel();
  const dict = useSalesDictionaries();
  const [editing, setEditing] = useState(false);
  const [lostTo, setLostTo] = useState<Stage | null>(null);
  const key = [...opportunitiesKey, 'detail', id];
  const opp = useQuery({ queryKey: key, queryFn: () => fetchOpportunity(id) });
  const stages = useQuery({ queryKey: [...key, 'stages'], queryFn: () => fetchStageHistory(id) });
  const history = useQuery({ queryKey: [...key, 'history'], queryFn: () => fetchOpportunityHistory(id) });
  const pipelines = useQuery({ queryKey: pipelinesKey, queryFn: listPipelines, staleTime: 60_000 });
  const pipeline = pipelines.data?.items.find((p) => p.id === opp.data?.pipelineId);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: opportunitiesKey });

  const move = useMutation({
    mutationFn: (v: { to: Stage; lostReason?: string; lostNote?: string }) =>
      changeStage(id, {
        stageId: v.to.id,
        version: opp.data!.version,
        ...(v.lostReason ? { lostReason: v.lostReason, lostNote: v.lostNote } : {}),
      }),
    onSuccess: () => {
      showSuccess(t('opportunities.stageChanged'));
      refresh();
    },
    onError: (error) => showError(error),
  });
  const remove = useMutation({
    mutationFn: () => deleteOpportunity(id),
    onSuccess: () => {
      showSuccess(t('common.movedToBin'));
      refresh();
      navigate('/opportunities/list');
    },
    onError: (error) => showError(error),
  });

  if (opp.error)
    return (
      <Result
        status={opp.error instanceof ApiError && opp.error.status === 404 ? '404' : 'error'}
        title={opp.error instanceof ApiError ? opp.error.message : t('common.requestFailed')}
        extra={<Link to="/opportunities">{t('opportunities.board.title')}</Link>}
      />
    );
  if (!opp.data) return <Skeleton active />;
  const o = opp.data;
  const mayEdit = can(me, 'opportunities', 'update');

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} wrap gap={8}>
        <Flex align="center" gap={8}>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="opportunity-title">
            {o.name}
          </Typography.Title>
          <Tag color={STATUS_COLOR[o.status]} data-testid="opportunity-status">
            {t(`opportunities.status.${o.status}`)}
          </Tag>
        </Flex>
        <Flex gap={8}>
          {mayEdit && pipeline ? (
            <Select
              style={{ minWidth: 180 }}
              value={o.stageId}
              data-testid="opportunity-stage-select"
              loading={move.isPending}
              options={pipeline.stages.map((s) => ({
                value: s.id,
                label: stageLabel(s),
                disabled: !s.active && s.id !== o.stageId,
              }))}
              onChange={(stageId) => {
                const to = pipeline.stages.find((s) => s.id === stageId);
                if (!to) return;
                if (to.kind === 'lost') setLostTo(to);
                else move.mutate({ to });
              }}
            />
          ) : null}
          {can(me, 'quotes', 'create') ? (
            <Button
              data-testid="opportunity-create-quote"
              onClick={() =>
                navigate(
                  `/quotes/new?opportunityId=${o.id}&customerId=${o.customerId}&currency=${o.currency}`,
                )
              }
            >
              {t('quotes.createFromOpportunity')}
            </Button>
          ) : null}
          {mayEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          ) : null}
          {can(me, 'opportunities', 'delete') ? (
            <Button
              danger
              icon={<DeleteOutlined />}
              onClick={() =>
                modal.confirm({
                  title: t('opportunities.deleteConfirm', { name: o.name }),
                  onOk: () => remove.mutateAsync(),
                })
              }
            >
              {t('common.delete')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('opportunities.fields.customer')}>
            <Link to={`/customers/${o.customerId}`}>{o.customerName ?? '—'}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.contact')}>
            {o.contactName ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.stage')}>
            {stageLabel({ key: o.stageKey, name: o.stageName })}
          </Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.amount')}>
            {moneyText(o.amount, o.currency)}
          </Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.probability')}>
            {o.probability}%
          </Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.expectedCloseDate')}>
            {o.expectedCloseDate ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.owner')}>{o.ownerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.channel')}>
            {dict.labelOf('leadChannel', o.channel) || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.campaign')}>
            {o.campaign ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('opportunities.fields.productInterest')}>
            {o.productInterest.length
              ? o.productInterest.map((p) => dict.labelOf('productLine', p)).join('、')
              : '—'}
          </Descriptions.Item>
          {o.status === 'lost' ? (
            <Descriptions.Item label={t('opportunities.fields.lostReason')}>
              {dict.labelOf('opportunityLostReason', o.lostReason)}
              {o.lostNote ? ` · ${o.lostNote}` : ''}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('opportunities.fields.stageEnteredAt')}>
            {formatDateTime(o.stageEnteredAt)}
          </Descriptions.Item>
          {o.closedAt ? (
            <Descriptions.Item label={t('opportunities.fields.closedAt')}>
              {formatDateTime(o.closedAt)}
            </Descriptions.Item>
          ) : null}
          {o.leadId ? (
            <Descriptions.Item label={t('opportunities.fields.lead')}>
              <Link to={`/leads/${o.leadId}`}>{t('opportunities.fromLead')}</Link>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'stages',
              label: t('opportunities.detail.stageHistory'),
              children: (
                <Timeline
                  data-testid="stage-history"
                  items={(stages.data?.items ?? []).map((c) => ({
                    key: c.id,
                    color: c.toStageKey === 'won' ? 'green' : c.toStageKey === 'lost' ? 'red' : 'blue',
                    content: (
                      <div>
                        <Typography.Text strong>
                          {c.fromStageId
                            ? `${stageLabel({ key: c.fromStageKey, name: c.fromStageName })} → `
                            : `${t('opportunities.detail.created')} → `}
                          {stageLabel({ key: c.toStageKey, name: c.toStageName })}
                        </Typography.Text>
                        <div>
                          <Typography.Text type="secondary">
                            {formatDateTime(c.at)} · {c.byName ?? '—'}
                            {c.amount ? ` · ${moneyText(c.amount, c.currency ?? '')}` : ''}
                          </Typography.Text>
                        </div>
                      </div>
                    ),
                  }))}
                />
              ),
            },
            {
              key: 'history',
              label: t('opportunities.detail.history'),
              children: (
                <HistoryTimeline
                  items={history.data?.items}
                  loading={history.isLoading}
                  error={history.error}
                  entity="opportunities"
                />
              ),
            },
          ]}
        />
      </Card>
      {editing ? <OpportunityForm open opportunity={o} onClose={() => setEditing(false)} /> : null}
      <LostReasonModal
        open={!!lostTo}
        name={o.name}
        onCancel={() => setLostTo(null)}
        onConfirm={(v) => {
          if (lostTo) move.mutate({ to: lostTo, ...v });
          setLostTo(null);
        }}
      />
    </>
  );
}
