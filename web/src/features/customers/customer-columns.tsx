import { UserOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Highlight, formatDateTime } from '../../ui';
import { GradeTag, LifecycleTag, ValueList, regionText } from './customer-cells';
import type { Customer } from './customers.api';
import { useDictionaries } from '../customization';

export type CustomerColumn = TableColumnsType<Customer>[number] & { key: string };

/** The columns of the customer list; the name and actions are always shown, the rest are chosen. */
export const CHOOSABLE_COLUMNS = [
  'code',
  'phones',
  'region',
  'industry',
  'type',
  'source',
  'lifecycleStatus',
  'grade',
  'relationshipLevel',
  'owner',
  'tags',
  'createdAt',
  'updatedAt',
];
export const DEFAULT_COLUMNS = ['phones', 'region', 'type', 'lifecycleStatus', 'grade', 'owner'];
export const SORTABLE_COLUMNS = new Set(['name', 'code', 'grade', 'createdAt', 'updatedAt']);

interface Options {
  /** `name` or `-name`, as the list is sorted. */
  sort: string | undefined;
  /** The phone digits a search asked for, marked in the phones column. */
  fragment: string | null;
  revealed: Record<string, string[]>;
  canReveal: boolean;
  revealingId: string | undefined;
  onReveal: (customer: Customer) => void;
  onOpen: (customer: Customer) => void;
}

export function useCustomerColumns({
  sort,
  fragment,
  revealed,
  canReveal,
  revealingId,
  onReveal,
  onOpen,
}: Options): CustomerColumn[] {
  const { t } = useTranslation();
  const dictionaries = useDictionaries();
  const sortOrder = (field: string) =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;

  const columns: CustomerColumn[] = [
    {
      key: 'name',
      title: t('customers.fields.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 240,
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, c) => (
        <div>
          <Flex align="center" gap={6}>
            {c.kind === 'person' ? (
              <UserOutlined style={{ color: '#8c8c8c' }} title={t('customers.kinds.person')} />
            ) : null}
            <Link to={`/customers/${c.id}`} data-testid={`customer-link-${c.id}`} style={{ fontWeight: 500 }}>
              <Highlight segments={c.highlight} fallback={c.name} testId="customer-name" />
            </Link>
          </Flex>
          {c.shortName || c.code ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[c.code, c.shortName].filter(Boolean).join(' · ')}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      key: 'code',
      title: t('customers.fields.code'),
      dataIndex: 'code',
      width: 130,
      sorter: true,
      sortOrder: sortOrder('code'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'phones',
      title: t('customers.fields.phones'),
      dataIndex: 'phones',
      width: 150,
      render: (_, c) => (
        <ValueList
          vertical
          values={revealed[c.id] ?? c.phones}
          fragment={fragment}
          canReveal={canReveal}
          revealing={revealingId === c.id}
          onReveal={() => onReveal(c)}
          testId={`customer-phones-${c.id}`}
        />
      ),
    },
    { key: 'region', title: t('customers.fields.region'), width: 170, render: (_, c) => regionText(c) },
    {
      key: 'industry',
      title: t('customers.fields.industry'),
      dataIndex: 'industry',
      width: 130,
      render: (v: string | null) => dictionaries.labelOf('industry', v) || '—',
    },
    {
      key: 'type',
      title: t('customers.fields.type'),
      dataIndex: 'type',
      width: 130,
      render: (v: string | null) => dictionaries.labelOf('customerType', v) || '—',
    },
    {
      key: 'source',
      title: t('customers.fields.source'),
      dataIndex: 'source',
      width: 140,
      render: (v: string | null, c) => {
        const label = dictionaries.labelOf('source', v);
        return label ? (c.sourceDetail ? `${label} · ${c.sourceDetail}` : label) : '—';
      },
    },
    {
      key: 'lifecycleStatus',
      title: t('customers.fields.lifecycleStatus'),
      dataIndex: 'lifecycleStatus',
      width: 100,
      render: (_, c) => <LifecycleTag status={c.lifecycleStatus} />,
    },
    {
      key: 'grade',
      title: t('customers.fields.grade'),
      dataIndex: 'grade',
      width: 90,
      align: 'center',
      sorter: true,
      sortOrder: sortOrder('grade'),
      render: (_, c) => <GradeTag grade={c.grade} />,
    },
    {
      key: 'relationshipLevel',
      title: t('customers.fields.relationshipLevel'),
      dataIndex: 'relationshipLevel',
      width: 130,
      render: (v: Customer['relationshipLevel']) => (v ? t(`customers.relationship.${v}`) : '—'),
    },
    {
      key: 'owner',
      title: t('customers.fields.owner'),
      dataIndex: 'ownerName',
      width: 100,
      render: (v: string | null) => v ?? <Tag>{t('customers.publicPool')}</Tag>,
    },
    {
      key: 'tags',
      title: t('customers.fields.tags'),
      dataIndex: 'tags',
      width: 180,
      render: (tags: string[]) =>
        tags.length ? (
          <Flex wrap gap={4}>
            {tags.slice(0, 3).map((tag) => (
              <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                {tag}
              </Tag>
            ))}
            {tags.length > 3 ? <Tag style={{ marginInlineEnd: 0 }}>+{tags.length - 3}</Tag> : null}
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      key: 'createdAt',
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      render: formatDateTime,
    },
    {
      key: 'updatedAt',
      title: t('common.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: formatDateTime,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 72,
      render: (_, c) => (
        <Button type="link" size="small" onClick={() => onOpen(c)}>
          {t('customers.view')}
        </Button>
      ),
    },
  ];
  return columns;
}
