import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { useApiFeedback } from '../../ui';
import {
  getCredit,
  getSummary,
  money,
  receivablesKey,
  resumeCustomer,
  suspendCustomer,
} from './receivables.api';

/** A customer's credit: limit, exposure, available, overdue, suspension (finance suspends and resumes). */
export function CreditPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const qc = useQueryClient();
  const { showError } = useApiFeedback();
  const [reason, setReason] = useState<string | null>(null);
  const credit = useQuery({
    queryKey: [...receivablesKey, 'credit', customerId],
    queryFn: () => getCredit(customerId),
    enabled: can(me, 'credit', 'read'),
  });
  const summary = useQuery({
    queryKey: [...receivablesKey, 'summary', customerId],
    queryFn: () => getSummary(customerId),
    enabled: can(me, 'receivables', 'read'),
  });
  const done = () => qc.invalidateQueries({ queryKey: [...receivablesKey, 'credit', customerId] });
  const suspend = useMutation({
    mutationFn: (r: string) => suspendCustomer(customerId, r),
    onSuccess: () => {
      setReason(null);
      return done();
    },
    onError: (e) => showError(e),
  });
  const resume = useMutation({
    mutationFn: () => resumeCustomer(customerId),
    onSuccess: done,
    onError: (e) => showError(e),
  });
  const c = credit.data;
  const canUpdate = can(me, 'credit', 'update');
  return (
    <Card
      title={t('receivables.credit.title')}
      loading={credit.isLoading}
      data-testid="credit-panel"
      extra={
        c && canUpdate ? (
          c.suspended ? (
            <Button onClick={() => resume.mutate()} loading={resume.isPending}>
              {t('receivables.credit.resume')}
            </Button>
          ) : (
            <Button danger onClick={() => setReason('')}>
              {t('receivables.credit.suspend')}
            </Button>
          )
        ) : null
      }
      style={{ marginBottom: 16 }}
    >
      {c && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('receivables.credit.limit')}>
            {c.limit ? money(c.limit, c.currency) : t('receivables.credit.noLimit')}
          </Descriptions.Item>
          <Descriptions.Item label={t('receivables.credit.rating')}>{c.rating ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('receivables.credit.state')}>
            {c.suspended ? (
              <Tag color="red">
                {t('receivables.credit.suspended')}: {c.suspendedReason}
              </Tag>
            ) : (
              <Tag color="green">{t('receivables.credit.active')}</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('receivables.credit.openReceivables')}>
            {money(c.openReceivables, c.currency)}
          </Descriptions.Item>
          <Descriptions.Item label={t('receivables.credit.openOrders')}>
            {money(c.openOrders, c.currency)}
          </Descriptions.Item>
          <Descriptions.Item label={t('receivables.credit.available')}>
            <span style={{ color: c.available && Number(c.available) < 0 ? '#cf1322' : undefined }}>
              {money(c.available, c.currency)}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('receivables.credit.overdue')}>
            {money(c.overdue, c.currency)}{' '}
            {c.maxDaysOverdue > 0 && t('receivables.credit.days', { n: c.maxDaysOverdue })}
          </Descriptions.Item>
          <Descriptions.Item label={t('receivables.credit.daysToPay')}>
            {summary.data?.daysToPay != null
              ? t('receivables.credit.days', { n: summary.data.daysToPay })
              : '—'}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Modal
        open={reason !== null}
        title={t('receivables.credit.suspend')}
        onCancel={() => setReason(null)}
        onOk={() => reason && suspend.mutate(reason)}
        okButtonProps={{ disabled: !reason?.trim(), danger: true }}
        confirmLoading={suspend.isPending}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('receivables.credit.reason')}
          value={reason ?? ''}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
