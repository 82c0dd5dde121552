import { useQueries } from '@tanstack/react-query';
import { Alert, Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { customersKey, fetchCustomer, type Duplicate } from './customers.api';
import { useCustomerOptions } from './customer-options';

interface Props {
  duplicates: Duplicate[];
  /** "warning" while typing; "error" when the server refused to save. */
  type: 'warning' | 'error';
  title: ReactNode;
  onOpen: (id: string) => void;
  action?: ReactNode;
  testId?: string;
}

/**
 * "已存在：客户 X，负责人 张伟（匹配：名称、电话）". The duplicates answer names the owner even
 * outside the caller's data scope; the customer's name is shown (and linked) only when the
 * caller may open it.
 */
export function DuplicateNotice({ duplicates, type, title, onOpen, action, testId }: Props) {
  const { t } = useTranslation();
  const options = useCustomerOptions();
  const shown = duplicates.slice(0, 3);
  const visible = useQueries({
    queries: shown.map((d) => ({
      queryKey: [...customersKey, 'detail', d.existingId],
      queryFn: () => fetchCustomer(d.existingId),
      retry: false,
      staleTime: 60_000,
    })),
  });

  return (
    <Alert
      type={type}
      showIcon
      data-testid={testId}
      title={title}
      action={action}
      style={{ marginBottom: 16 }}
      description={
        <Flex vertical gap={4}>
          {shown.map((d, i) => {
            const customer = visible[i]?.data;
            const owner = d.ownerName ?? t('customers.publicPool');
            const name = customer ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto' }}
                onClick={() => onOpen(d.existingId)}
                data-testid={`duplicate-open-${d.existingId}`}
              >
                {customer.name}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('customers.duplicate.hidden')}</Typography.Text>
            );
            return (
              <div key={d.existingId} data-testid="duplicate-item">
                {t('customers.duplicate.existsPrefix')}
                {name}
                {t('customers.duplicate.ownerPart', { owner, matched: options.matchLabel(d.matchedOn) })}
              </div>
            );
          })}
          {duplicates.length > shown.length ? (
            <Typography.Text type="secondary">
              {t('customers.duplicate.more', { count: duplicates.length - shown.length })}
            </Typography.Text>
          ) : null}
        </Flex>
      }
    />
  );
}
