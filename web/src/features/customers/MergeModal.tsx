import { MergeCellsOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Descriptions, Flex, Form, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict, testId, useApiFeedback } from '../../ui';
import { regionText } from './customer-cells';
import { CustomerPicker } from './CustomerPicker';
import { customersKey, mergeCustomer, type Customer } from './customers.api';

interface Props {
  open: boolean;
  /** The customer that stays. */
  customer: Customer;
  onClose: () => void;
}

/** Merges a duplicate into this customer; says first what moves and what is kept. */
export function MergeModal({ open, customer, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [duplicate, setDuplicate] = useState<Customer | undefined>();

  useEffect(() => {
    if (open) setDuplicate(undefined);
  }, [open]);

  const merge = useMutation({
    mutationFn: () =>
      mergeCustomer(customer.id, { duplicateId: duplicate?.id ?? '', version: customer.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData([...customersKey, 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: customersKey });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
      showSuccess(t('customers.merge.done', { name: duplicate?.name ?? '' }));
      onClose();
    },
    onError: (error) => {
      showError(error);
      if (isVersionConflict(error)) void queryClient.invalidateQueries({ queryKey: customersKey });
    },
  });

  return (
    <Modal
      open={open}
      width={640}
      title={
        <Flex gap={8} align="center">
          <MergeCellsOutlined />
          {t('customers.merge.title', { name: customer.name })}
        </Flex>
      }
      onCancel={onClose}
      onOk={() => merge.mutate()}
      okText={t('customers.merge.submit')}
      okButtonProps={{ disabled: !duplicate, danger: true, ...testId('merge-submit') }}
      confirmLoading={merge.isPending}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('customers.merge.pick')} extra={t('customers.merge.pickHint')}>
          <CustomerPicker
            excludeIds={[customer.id]}
            value={duplicate?.id}
            onChange={(_id, picked) => setDuplicate(picked)}
            data-testid="merge-pick"
          />
        </Form.Item>
      </Form>
      {duplicate ? (
        <>
          <Descriptions
            size="small"
            bordered
            column={1}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'name', label: t('customers.fields.name'), children: duplicate.name },
              {
                key: 'owner',
                label: t('customers.fields.owner'),
                children: duplicate.ownerName ?? t('customers.publicPool'),
              },
              { key: 'region', label: t('customers.fields.region'), children: regionText(duplicate) },
              {
                key: 'phones',
                label: t('customers.fields.phones'),
                children: duplicate.phones.join('、') || '—',
              },
            ]}
          />
          <Alert
            type="warning"
            showIcon
            title={t('customers.merge.whatHappens')}
            data-testid="merge-summary"
            description={
              <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                <li>{t('customers.merge.contacts', { from: duplicate.name, to: customer.name })}</li>
                <li>{t('customers.merge.values')}</li>
                <li>{t('customers.merge.lists')}</li>
                <li>
                  {t('customers.merge.owner', { owner: customer.ownerName ?? t('customers.publicPool') })}
                </li>
                <li>{t('customers.merge.bin', { from: duplicate.name })}</li>
              </ul>
            }
          />
        </>
      ) : (
        <Typography.Text type="secondary">{t('customers.merge.intro')}</Typography.Text>
      )}
    </Modal>
  );
}
