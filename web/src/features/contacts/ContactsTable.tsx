import { DownOutlined, StarFilled } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Dropdown, Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { Highlight, useApiFeedback } from '../../ui';
import { customFieldText, useCustomFieldDefs, useLocalLabel } from '../customization';
import { ValueList } from '../customers/customer-cells';
import { phoneFragment } from '../customers/highlight';
import { formatBirthday } from './contact-form';
import { revealContactField, type Contact, type DecisionRole } from './contacts.api';

const hasNotes = (c: Contact) => !!(c.hobbies || c.familyNotes || c.notes);

const ROLE_COLORS: Record<DecisionRole, string> = {
  decision_maker: 'red',
  influencer: 'orange',
  user: 'blue',
  other: 'default',
};

interface Props {
  items: Contact[];
  loading: boolean;
  /** The all-contacts page shows whose contact it is; a customer's own tab does not. */
  showCustomer?: boolean;
  q?: string;
  onEdit: (contact: Contact) => void;
  onHistory: (contact: Contact) => void;
  onDelete: (contact: Contact) => Promise<unknown>;
  testId: string;
}

export function ContactsTable({
  items,
  loading,
  showCustomer,
  q,
  onEdit,
  onHistory,
  onDelete,
  testId,
}: Props) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const { modal } = App.useApp();
  const { showError } = useApiFeedback();
  const [revealed, setRevealed] = useState<Record<string, { phones?: string[]; emails?: string[] }>>({});
  const reveal = useMutation({
    mutationFn: ({ contact, field }: { contact: Contact; field: 'phones' | 'emails' }) =>
      revealContactField(contact.id, field),
    onSuccess: (result, { contact, field }) =>
      setRevealed((old) => ({ ...old, [contact.id]: { ...old[contact.id], [field]: result.value } })),
    onError: (error) => showError(error),
  });
  const canUpdate = can(me, 'contacts', 'update');
  const canDelete = can(me, 'contacts', 'delete');
  const canReveal = can(me, 'contacts', 'reveal');
  const fragment = phoneFragment(q);
  const colon = i18n.language === 'zh-CN' ? '：' : ': ';
  const cfDefs = useCustomFieldDefs('contacts').data ?? [];
  const localLabel = useLocalLabel();

  const columns: TableColumnsType<Contact> = [
    {
      title: t('contacts.fields.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 170,
      render: (_, c) => (
        <Flex align="center" gap={6}>
          <Typography.Text strong>
            <Highlight segments={c.highlight} fallback={c.name} />
          </Typography.Text>
          {c.isKeyPerson ? (
            <Tooltip title={t('contacts.fields.isKeyPerson')}>
              <StarFilled style={{ color: '#faad14' }} data-testid="key-person" />
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    ...(showCustomer
      ? [
          {
            title: t('contacts.fields.customer'),
            dataIndex: 'customerName',
            width: 240,
            render: (_: unknown, c: Contact) => (
              <Link to={`/customers/${c.customerId}`} data-testid={`contact-customer-${c.id}`}>
                {c.customerName}
              </Link>
            ),
          },
        ]
      : []),
    {
      title: t('contacts.fields.title'),
      dataIndex: 'title',
      width: 130,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('contacts.fields.decisionRole'),
      dataIndex: 'decisionRole',
      width: 110,
      render: (v: DecisionRole | null) =>
        v ? <Tag color={ROLE_COLORS[v]}>{t(`contacts.roles.${v}`)}</Tag> : '—',
    },
    {
      title: t('contacts.fields.phones'),
      dataIndex: 'phones',
      width: 170,
      render: (_, c) => (
        <ValueList
          vertical
          values={revealed[c.id]?.phones ?? c.phones}
          fragment={fragment}
          canReveal={canReveal}
          revealing={reveal.isPending && reveal.variables?.contact.id === c.id}
          onReveal={() => reveal.mutate({ contact: c, field: 'phones' })}
          testId={`contact-phones-${c.id}`}
        />
      ),
    },
    {
      title: t('contacts.fields.emails'),
      dataIndex: 'emails',
      width: 200,
      render: (_, c) => (
        <ValueList
          vertical
          values={revealed[c.id]?.emails ?? c.emails}
          canReveal={canReveal}
          onReveal={() => reveal.mutate({ contact: c, field: 'emails' })}
        />
      ),
    },
    {
      title: t('contacts.fields.wechatId'),
      dataIndex: 'wechatId',
      width: 130,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('contacts.fields.birthday'),
      dataIndex: 'birthday',
      width: 150,
      render: (_, c) => formatBirthday(c.birthday, c.birthdayLunar, i18n.language === 'zh-CN'),
    },
    // The administrator's custom fields for contacts, in their order.
    ...cfDefs.map((def) => ({
      key: `cf.${def.key}`,
      title: localLabel(def.label),
      width: 140,
      render: (_: unknown, c: Contact) => (
        <span data-testid={`contact-cf-${def.key}-${c.id}`}>
          {customFieldText(def, c.customFields?.[def.key], localLabel)}
        </span>
      ),
    })),
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 150,
      render: (_, c) => (
        <Flex>
          {canUpdate ? (
            <Button type="link" size="small" onClick={() => onEdit(c)} data-testid={`edit-contact-${c.name}`}>
              {t('common.edit')}
            </Button>
          ) : null}
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'history', label: t('common.history') },
                ...(canDelete ? [{ key: 'delete', danger: true, label: t('common.delete') }] : []),
              ],
              onClick: ({ key }) => {
                if (key === 'history') onHistory(c);
                if (key === 'delete')
                  modal.confirm({
                    title: t('contacts.deleteConfirm', { name: c.name }),
                    okButtonProps: { danger: true },
                    okText: t('common.delete'),
                    onOk: () => onDelete(c),
                  });
              },
            }}
          >
            <Button type="link" size="small">
              {t('common.more')} <DownOutlined />
            </Button>
          </Dropdown>
        </Flex>
      ),
    },
  ];

  return (
    <Table<Contact>
      rowKey="id"
      size="middle"
      data-testid={testId}
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: (showCustomer ? 1320 : 1100) + cfDefs.length * 140 }}
      columns={columns}
      expandable={
        items.some(hasNotes)
          ? {
              rowExpandable: hasNotes,
              expandedRowRender: (c) => (
                <Flex vertical gap={4} style={{ paddingInlineStart: 8 }}>
                  {c.hobbies ? (
                    <div>
                      <Typography.Text type="secondary">
                        {t('contacts.fields.hobbies')}
                        {colon}
                      </Typography.Text>
                      {c.hobbies}
                    </div>
                  ) : null}
                  {c.familyNotes ? (
                    <div>
                      <Typography.Text type="secondary">
                        {t('contacts.fields.familyNotes')}
                        {colon}
                      </Typography.Text>
                      {c.familyNotes}
                    </div>
                  ) : null}
                  {c.notes ? (
                    <div>
                      <Typography.Text type="secondary">
                        {t('contacts.fields.notes')}
                        {colon}
                      </Typography.Text>
                      {c.notes}
                    </div>
                  ) : null}
                </Flex>
              ),
            }
          : undefined
      }
    />
  );
}
