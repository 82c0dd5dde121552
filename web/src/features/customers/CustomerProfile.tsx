import { useMutation } from '@tanstack/react-query';
import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { formatDateTime, useApiFeedback } from '../../ui';
import { CustomFieldValues } from '../customization';
import { ActivityPanel } from '../interactions';
import { GradeTag, LifecycleTag, ValueList, regionText } from './customer-cells';
import { formatMoney } from './customer-form';
import { useCustomerOptions } from './customer-options';
import { revealCustomerField, type Customer } from './customers.api';

const text = (v: string | null | undefined) => v || <span style={{ color: '#bfbfbf' }}>—</span>;

/** 概况: the basic profile, phones and emails masked unless revealed (the reveal is audited). */
export function CustomerProfile({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const options = useCustomerOptions();
  const { showError } = useApiFeedback();
  const [revealed, setRevealed] = useState<{ phones?: string[]; emails?: string[] }>({});
  const reveal = useMutation({
    mutationFn: (field: 'phones' | 'emails') => revealCustomerField(customer.id, field),
    onSuccess: (result, field) => setRevealed((old) => ({ ...old, [field]: result.value })),
    onError: (error) => showError(error),
  });
  const canReveal = can(me, 'customers', 'reveal');

  return (
    <Flex vertical gap={24}>
      <Descriptions
        title={t('customers.form.basics')}
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        styles={{ label: { width: 150 } }}
        data-testid="customer-profile"
        items={[
          { key: 'name', label: t('customers.fields.name'), children: customer.name, span: 2 },
          { key: 'kind', label: t('customers.fields.kind'), children: t(`customers.kinds.${customer.kind}`) },
          { key: 'shortName', label: t('customers.fields.shortName'), children: text(customer.shortName) },
          { key: 'code', label: t('customers.fields.code'), children: text(customer.code) },
          ...(customer.kind === 'company'
            ? [
                {
                  key: 'creditCode',
                  label: t('customers.fields.creditCode'),
                  children: customer.creditCode ? (
                    <Typography.Text
                      copyable
                      style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}
                    >
                      {customer.creditCode}
                    </Typography.Text>
                  ) : (
                    text(null)
                  ),
                },
              ]
            : []),
          {
            key: 'phones',
            label: t('customers.fields.phones'),
            children: (
              <ValueList
                values={revealed.phones ?? customer.phones}
                canReveal={canReveal}
                revealing={reveal.isPending && reveal.variables === 'phones'}
                onReveal={() => reveal.mutate('phones')}
                testId="profile-phones"
              />
            ),
          },
          {
            key: 'emails',
            label: t('customers.fields.emails'),
            children: (
              <ValueList
                values={revealed.emails ?? customer.emails}
                canReveal={canReveal}
                revealing={reveal.isPending && reveal.variables === 'emails'}
                onReveal={() => reveal.mutate('emails')}
                testId="profile-emails"
              />
            ),
          },
          {
            key: 'website',
            label: t('customers.fields.website'),
            children: customer.website ? (
              <Typography.Link
                href={
                  /^https?:\/\//.test(customer.website) ? customer.website : `https://${customer.website}`
                }
                target="_blank"
                rel="noreferrer"
              >
                {customer.website}
              </Typography.Link>
            ) : (
              text(null)
            ),
          },
          {
            key: 'country',
            label: t('customers.fields.country'),
            children: options.countryName(customer.country ?? 'CN'),
          },
          { key: 'region', label: t('customers.fields.region'), children: regionText(customer) },
          {
            key: 'address',
            label: t('customers.fields.address'),
            children: text(customer.address),
            span: 'filled',
          },
        ]}
      />
      <Descriptions
        title={t('customers.form.business')}
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        styles={{ label: { width: 150 } }}
        items={[
          { key: 'industry', label: t('customers.fields.industry'), children: text(customer.industry) },
          { key: 'type', label: t('customers.fields.type'), children: text(customer.type) },
          {
            key: 'source',
            label: t('customers.fields.source'),
            children: customer.source
              ? `${customer.source}${customer.sourceDetail ? ` · ${customer.sourceDetail}` : ''}`
              : text(null),
          },
          {
            key: 'lifecycle',
            label: t('customers.fields.lifecycleStatus'),
            children: <LifecycleTag status={customer.lifecycleStatus} />,
          },
          {
            key: 'relationship',
            label: t('customers.fields.relationshipLevel'),
            children: customer.relationshipLevel
              ? t(`customers.relationship.${customer.relationshipLevel}`)
              : text(null),
          },
          { key: 'grade', label: t('customers.fields.grade'), children: <GradeTag grade={customer.grade} /> },
          {
            key: 'mainProducts',
            label: t('customers.fields.mainProducts'),
            children: text(customer.mainProducts),
            span: 'filled',
          },
          {
            key: 'tags',
            label: t('customers.fields.tags'),
            span: 'filled',
            children: customer.tags.length
              ? customer.tags.map((tag) => <Tag key={tag}>{tag}</Tag>)
              : text(null),
          },
        ]}
      />
      <Descriptions
        title={t('customers.form.credit')}
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        styles={{ label: { width: 150 } }}
        items={[
          {
            key: 'creditLimit',
            label: t('customers.fields.creditLimit'),
            children: customer.creditLimit ? (
              <span data-testid="profile-credit-limit">{formatMoney(customer.creditLimit)}</span>
            ) : (
              text(null)
            ),
          },
          {
            key: 'creditRating',
            label: t('customers.fields.creditRating'),
            children: text(customer.creditRating),
          },
          {
            key: 'paymentTerms',
            label: t('customers.fields.paymentTerms'),
            children: text(customer.paymentTerms),
          },
        ]}
      />
      <Descriptions
        title={t('customers.recordInfo')}
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          {
            key: 'owner',
            label: t('customers.fields.owner'),
            children: customer.ownerName ?? t('customers.publicPool'),
          },
          {
            key: 'assigned',
            label: t('customers.ownerSince'),
            children: formatDateTime(customer.ownerAssignedAt),
          },
          { key: 'created', label: t('common.createdAt'), children: formatDateTime(customer.createdAt) },
          { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(customer.updatedAt) },
        ]}
      />
      <CustomFieldValues entity="customers" values={customer.customFields} section />
      {can(me, 'customers', 'read') ? <ActivityPanel customerId={customer.id} /> : null}
    </Flex>
  );
}
