import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { PageHeader, formatDateTime, useApiFeedback } from '../../ui';
import { listHolds, money, receivablesKey, releaseHold, type Hold } from './receivables.api';

/** 信用冻结队列: orders on credit hold, oldest first; finance releases them with a note. */
export function CreditHoldsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const qc = useQueryClient();
  const { showError } = useApiFeedback();
  const [target, setTarget] = useState<Hold | null>(null);
  const [note, setNote] = useState('');
  const q = useQuery({ queryKey: [...receivablesKey, 'holds'], queryFn: listHolds });
  const release = useMutation({
    mutationFn: () => releaseHold(target!.id, note.trim()),
    onSuccess: async () => {
      setTarget(null);
      setNote('');
      await qc.invalidateQueries({ queryKey: receivablesKey });
    },
    onError: (e) => showError(e),
  });
  const canRelease = can(me, 'credit', 'update');
  return (
    <>
      <PageHeader title={t('receivables.holds.title')} description={t('receivables.holds.description')} />
      <Card>
        <Table<Hold>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items}
          pagination={false}
          data-testid="credit-holds"
          columns={[
            {
              key: 'number',
              title: t('receivables.fields.order'),
              render: (_, h) => <Link to={`/orders/${h.id}`}>{h.number}</Link>,
            },
            {
              key: 'customer',
              title: t('receivables.fields.customer'),
              render: (_, h) => <Link to={`/customers/${h.customerId}/statement`}>{h.customerName}</Link>,
            },
            {
              key: 'total',
              title: t('receivables.fields.amount'),
              align: 'right',
              render: (_, h) => money(h.total, h.currency),
            },
            {
              key: 'reason',
              title: t('receivables.holds.reason'),
              render: (_, h) => <Tag color="red">{t(`receivables.holds.reasons.${h.creditHold}`)}</Tag>,
            },
            {
              key: 'details',
              title: t('receivables.credit.available'),
              render: (_, h) =>
                h.creditHoldDetails?.available ? money(String(h.creditHoldDetails.available)) : '—',
            },
            { key: 'owner', title: t('receivables.holds.owner'), render: (_, h) => h.ownerName ?? '—' },
            {
              key: 'submittedAt',
              title: t('receivables.holds.submittedAt'),
              render: (_, h) => (h.submittedAt ? formatDateTime(h.submittedAt) : '—'),
            },
            ...(canRelease
              ? [
                  {
                    key: 'release',
                    title: '',
                    render: (_: unknown, h: Hold) => (
                      <Button size="small" type="primary" onClick={() => setTarget(h)}>
                        {t('receivables.holds.release')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={!!target}
        title={t('receivables.holds.releaseOf', { number: target?.number ?? '' })}
        onCancel={() => setTarget(null)}
        onOk={() => release.mutate()}
        okButtonProps={{ disabled: !note.trim() }}
        confirmLoading={release.isPending}
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder={t('receivables.holds.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </>
  );
}
