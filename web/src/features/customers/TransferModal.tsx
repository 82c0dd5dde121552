import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Modal, Radio, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { testId, useApiFeedback } from '../../ui';
import { UserSelect } from '../users';
import { customersKey, transferCustomers, updateCustomer, type Customer } from './customers.api';

interface Props {
  open: boolean;
  /** Customers picked in the list; none means "all customers of one rep" (a rep who leaves). */
  selected: Customer[];
  onClose: () => void;
  onDone: () => void;
}

interface Values {
  scope: 'selected' | 'all';
  fromOwnerId?: string;
  toOwnerId: string;
}

/** Transfers go per current owner (the endpoint takes one); pool customers are assigned one by one. */
async function transferSelected(selected: Customer[], toOwnerId: string): Promise<number> {
  const byOwner = new Map<string, string[]>();
  const pool: Customer[] = [];
  for (const c of selected) {
    if (c.ownerId === toOwnerId) continue;
    if (c.ownerId === null) pool.push(c);
    else byOwner.set(c.ownerId, [...(byOwner.get(c.ownerId) ?? []), c.id]);
  }
  let moved = 0;
  for (const [fromOwnerId, customerIds] of byOwner)
    moved += (await transferCustomers({ fromOwnerId, toOwnerId, customerIds })).transferred;
  for (const c of pool) {
    await updateCustomer(c.id, { version: c.version, ownerId: toOwnerId });
    moved += 1;
  }
  return moved;
}

export function TransferModal({ open, selected, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const scope = Form.useWatch('scope', form) ?? (selected.length ? 'selected' : 'all');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ scope: selected.length ? 'selected' : 'all' });
  }, [open, selected.length, form]);

  const transfer = useMutation({
    mutationFn: async (values: Values) =>
      values.scope === 'selected'
        ? transferSelected(selected, values.toOwnerId)
        : (await transferCustomers({ fromOwnerId: values.fromOwnerId ?? '', toOwnerId: values.toOwnerId }))
            .transferred,
    onSuccess: (count) => {
      showSuccess(t('customers.transfer.done', { count }));
      void queryClient.invalidateQueries({ queryKey: customersKey });
      onDone();
    },
    onError: (error) => {
      showError(error, form, ['fromOwnerId', 'toOwnerId']);
      void queryClient.invalidateQueries({ queryKey: customersKey });
    },
  });

  return (
    <Modal
      open={open}
      title={t('customers.transfer.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('customers.transfer.submit')}
      confirmLoading={transfer.isPending}
      okButtonProps={testId('transfer-submit')}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('customers.transfer.hint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(values) => transfer.mutate(values)}>
        <Form.Item name="scope">
          <Radio.Group
            options={[
              {
                value: 'selected',
                label: t('customers.transfer.scopeSelected', { count: selected.length }),
                disabled: selected.length === 0,
              },
              { value: 'all', label: t('customers.transfer.scopeAll') },
            ]}
          />
        </Form.Item>
        {scope === 'all' ? (
          <Form.Item
            name="fromOwnerId"
            label={t('customers.transfer.from')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <UserSelect data-testid="transfer-from" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="toOwnerId"
          label={t('customers.transfer.to')}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && getFieldValue('scope') === 'all' && value === getFieldValue('fromOwnerId')
                  ? Promise.reject(new Error(t('customers.transfer.sameOwner')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <UserSelect data-testid="transfer-to" />
        </Form.Item>
        {scope === 'all' ? <Alert type="info" showIcon title={t('customers.transfer.allWarning')} /> : null}
      </Form>
    </Modal>
  );
}
