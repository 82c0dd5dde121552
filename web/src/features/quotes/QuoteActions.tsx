import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { useApiFeedback } from '../../ui';
import { quoteAction, quotesKey, type Quote, type QuoteAction } from './quotes.api';

/** The steps the quote's status and the user's rights allow; approve/reject ask for a note. */
export function QuoteActions({ quote }: { quote: Quote }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [asking, setAsking] = useState<'approve' | 'reject' | null>(null);
  const [note, setNote] = useState('');
  const run = useMutation({
    mutationFn: (v: { action: QuoteAction; note?: string }) =>
      quoteAction(quote.id, v.action, { version: quote.version, note: v.note || undefined }),
    onSuccess: (res, v) => {
      showSuccess(t(`quotes.done.${v.action}`));
      setAsking(null);
      setNote('');
      void queryClient.invalidateQueries({ queryKey: quotesKey });
      if (v.action === 'accept' && 'order' in res) navigate(`/orders/${res.order.id}`);
    },
    onError: (e) => showError(e),
  });
  const mayUpdate = can(me, 'quotes', 'update');
  const own = quote.ownerId === me?.id || quote.createdBy === me?.id;
  const mayApprove =
    can(me, 'quoteApproval', 'update') && (!own || (me?.roles ?? []).some((r) => r === 'admin'));
  const button = (action: QuoteAction, primary = false, danger = false) => (
    <Button
      key={action}
      type={primary ? 'primary' : 'default'}
      danger={danger}
      loading={run.isPending && run.variables?.action === action}
      data-testid={`quote-${action}`}
      onClick={() =>
        action === 'approve' || action === 'reject' ? setAsking(action) : run.mutate({ action })
      }
    >
      {t(`quotes.actions.${action}`)}
    </Button>
  );
  const buttons = [];
  if (quote.status === 'draft' && mayUpdate) buttons.push(button('submit', true));
  if (quote.status === 'pendingApproval' && mayApprove)
    buttons.push(button('approve', true), button('reject', false, true));
  if (quote.status === 'approved' && mayUpdate) buttons.push(button('send'));
  if ((quote.status === 'approved' || quote.status === 'sent') && mayUpdate)
    buttons.push(button('accept', true));
  return (
    <>
      {buttons}
      <Modal
        open={asking !== null}
        title={asking ? t(`quotes.actions.${asking}`) : ''}
        okButtonProps={{
          disabled: asking === 'reject' && !note.trim(),
          loading: run.isPending,
          ...{ 'data-testid': 'quote-decision-ok' },
        }}
        onOk={() => asking && run.mutate({ action: asking, note })}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          value={note}
          placeholder={asking === 'reject' ? t('quotes.rejectNote') : t('quotes.approveNote')}
          onChange={(e) => setNote(e.target.value)}
          data-testid="quote-decision-note"
        />
      </Modal>
    </>
  );
}
