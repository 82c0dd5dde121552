import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Form, Input, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { isVersionConflict, useApiFeedback } from '../../ui';
import { customersKey, updateCustomer, type Customer, type KeyAccount } from './customers.api';

const FIELDS = ['history', 'operatingModel', 'honours', 'achievements'] as const;

/** 关键客户档案: business history, operating model, honours and achievements, edited in place. */
export function KeyAccountPanel({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<KeyAccount>();
  const canUpdate = can(me, 'customers', 'update');

  const save = useMutation({
    mutationFn: (values: KeyAccount) => {
      const changed = FIELDS.filter((f) => (values[f]?.trim() || null) !== (customer.keyAccount[f] ?? null));
      return updateCustomer(customer.id, {
        version: customer.version,
        keyAccount: Object.fromEntries(changed.map((f) => [f, values[f]?.trim() || null])),
      });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData([...customersKey, 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: customersKey });
      showSuccess();
      setEditing(false);
    },
    onError: (error) => {
      showError(error, form, (path) =>
        path[0] === 'keyAccount' && typeof path[1] === 'string' ? [path[1]] : null,
      );
      if (isVersionConflict(error)) void queryClient.invalidateQueries({ queryKey: customersKey });
    },
  });

  const empty = FIELDS.every((f) => !customer.keyAccount[f]);

  if (editing)
    return (
      <Form<KeyAccount>
        form={form}
        layout="vertical"
        initialValues={customer.keyAccount}
        onFinish={(values) => save.mutate(values)}
      >
        <Row gutter={16}>
          {FIELDS.map((f) => (
            <Col xs={24} lg={12} key={f}>
              <Form.Item
                name={f}
                label={t(`customers.keyAccount.${f}`)}
                extra={t(`customers.keyAccountHints.${f}`)}
              >
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="key-account-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('customers.keyAccountIntro')}</Typography.Text>
        {canUpdate ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="key-account-edit">
            {t('common.edit')}
          </Button>
        ) : null}
      </Flex>
      {empty ? (
        <Empty description={t('customers.keyAccountEmpty')} />
      ) : (
        <Row gutter={[16, 16]}>
          {FIELDS.map((f) => (
            <Col xs={24} lg={12} key={f}>
              <Card size="small" title={t(`customers.keyAccount.${f}`)} style={{ height: '100%' }}>
                {customer.keyAccount[f] ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                    {customer.keyAccount[f]}
                  </Typography.Paragraph>
                ) : (
                  <Typography.Text type="secondary">{t('customers.notFilled')}</Typography.Text>
                )}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
