import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, List, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { testId, useApiFeedback } from '../../ui';
import { UserSelect } from '../users';
import {
  bulkCustomers,
  customersKey,
  type BulkAction,
  type BulkResult,
  type Customer,
} from './customers.api';

interface Props {
  action: BulkAction | null;
  selected: Customer[];
  onClose: () => void;
  /** Called once the server answered (the selection can be cleared). */
  onDone: () => void;
}

interface Values {
  ownerId?: string;
  tags?: string[];
  reason?: string;
}

/** One action on the selected customers, then what was done and what was refused (and why). */
export function BulkActionModal({ action, selected, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<BulkResult | null>(null);
  // The selection is cleared once the server answers: keep the names for the refusals list.
  const [names, setNames] = useState(new Map<string, string>());

  const run = useMutation({
    mutationFn: (v: Values) => {
      setNames(new Map(selected.map((c) => [c.id, c.name])));
      return bulkCustomers({
        action: action!,
        ids: selected.map((c) => c.id),
        ownerId: v.ownerId,
        tags: v.tags?.map((x) => x.trim()).filter(Boolean),
        reason: v.reason?.trim(),
      });
    },
    onSuccess: (r) => {
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: customersKey });
      onDone();
    },
    onError: (error) => showError(error, form, ['ownerId', 'tags', 'reason']),
  });

  const close = () => {
    setResult(null);
    onClose();
  };
  const required = [{ required: true, message: t('customerBulk.required') }];

  return (
    <Modal
      open={!!action}
      title={action ? t(`customerBulk.titles.${action}`, { count: selected.length }) : ''}
      onCancel={close}
      onOk={() => (result ? close() : form.submit())}
      okText={result ? t('customerBulk.close') : t('customerBulk.apply')}
      okButtonProps={{ danger: action === 'release' && !result, ...testId('bulk-submit') }}
      cancelButtonProps={{ style: result ? { display: 'none' } : undefined }}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      {result ? (
        <div data-testid="bulk-result">
          <Alert
            type={result.failed.length ? 'warning' : 'success'}
            showIcon
            title={t('customerBulk.summary', { done: result.done, failed: result.failed.length })}
          />
          {result.failed.length ? (
            <List
              size="small"
              style={{ marginTop: 12 }}
              dataSource={result.failed}
              renderItem={(f) => (
                <List.Item>
                  <Typography.Text strong>{names.get(f.id) ?? f.id}</Typography.Text>
                  <Typography.Text type="secondary">{f.message}</Typography.Text>
                </List.Item>
              )}
            />
          ) : null}
        </div>
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
          {action === 'assign' || action === 'transfer' ? (
            <Form.Item name="ownerId" label={t('customerBulk.owner')} rules={required}>
              <UserSelect data-testid="bulk-owner" />
            </Form.Item>
          ) : null}
          {action === 'addTags' || action === 'removeTags' ? (
            <Form.Item name="tags" label={t('customerBulk.tags')} rules={required}>
              <Select mode="tags" maxCount={50} data-testid="bulk-tags" />
            </Form.Item>
          ) : null}
          {action === 'release' ? (
            <Form.Item
              name="reason"
              label={t('customerBulk.reason')}
              rules={[{ ...required[0], whitespace: true }, { max: 500 }]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="bulk-reason" />
            </Form.Item>
          ) : null}
        </Form>
      )}
    </Modal>
  );
}
