import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  ExportOutlined,
  MergeCellsOutlined,
  MessageOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Avatar,
  Breadcrumb,
  Button,
  Card,
  Flex,
  Result,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { can, useMe } from '../../app/session';
import { CreditPanel } from '../receivables/CreditPanel';
import { HistoryTimeline, errorMessage, formatDateTime, useApiFeedback } from '../../ui';
import { CustomerContacts } from '../contacts';
import { CustomerTasks } from '../tasks';
import { CustomerTimeline, InteractionModal } from '../interactions';
import { GradeTag, LifecycleTag, regionText } from './customer-cells';
import { useCustomerValueFormat } from './customer-values';
import { CustomerForm } from './CustomerForm';
import { CustomerProfile } from './CustomerProfile';
import { customersKey, deleteCustomer, fetchCustomer, fetchCustomerHistory } from './customers.api';
import { KeyAccountPanel } from './KeyAccountPanel';
import { MergeModal } from './MergeModal';
import { OwnerTimeline } from './OwnerTimeline';
import { ReleaseModal } from './ReleaseModal';

const TABS = ['profile', 'timeline', 'contacts', 'tasks', 'keyAccount', 'owners', 'history'] as const;
const AVATAR_COLORS = ['#1d4ed8', '#0f766e', '#b45309', '#7c3aed', '#be123c', '#0369a1'];

function avatarColor(name: string): string {
  let sum = 0;
  for (const ch of name) sum += ch.codePointAt(0) ?? 0;
  return AVATAR_COLORS[sum % AVATAR_COLORS.length] ?? AVATAR_COLORS[0]!;
}

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { modal } = App.useApp();
  const { showError, showSuccess } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'profile';
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [releasing, setReleasing] = useState(false);
  const [logging, setLogging] = useState(false);

  const customer = useQuery({
    queryKey: [...customersKey, 'detail', id],
    queryFn: () => fetchCustomer(id),
    retry: false,
  });
  const history = useQuery({
    queryKey: [...customersKey, 'history', id],
    queryFn: () => fetchCustomerHistory(id),
    enabled: tab === 'history',
  });
  const format = useCustomerValueFormat(customer.data, history.data?.items);

  // Opened directly (a shared link), there is nothing to go back to but the list.
  const goBack = () => (location.key === 'default' ? navigate('/customers') : navigate(-1));

  const remove = useMutation({
    mutationFn: () => deleteCustomer(id),
    onSuccess: () => {
      showSuccess(t('common.movedToBin'));
      void queryClient.invalidateQueries({ queryKey: customersKey });
      navigate('/customers');
    },
    onError: (error) => showError(error),
  });

  if (customer.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (customer.isError) {
    const missing = customer.error instanceof ApiError && customer.error.status === 404;
    return (
      <Card>
        <Result
          status={missing ? '404' : 'error'}
          title={missing ? t('customers.notFound') : t('common.requestFailed')}
          subTitle={missing ? t('customers.notFoundHint') : errorMessage(customer.error, '')}
          extra={
            <Button type="primary" onClick={() => navigate('/customers')}>
              {t('customers.backToList')}
            </Button>
          }
        />
      </Card>
    );
  }

  const c = customer.data;
  const canUpdate = can(me, 'customers', 'update');
  const canDelete = can(me, 'customers', 'delete');
  // The owner may release their own customer; beyond that it takes a wider data scope (a manager).
  const canRelease =
    !!c.ownerId &&
    can(me, 'customerPool', 'delete') &&
    (c.ownerId === me?.id || (!!me?.role && me.role.dataScope !== 'own'));

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/customers">{t('customers.title')}</Link> }, { title: c.name }]}
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: '20px 24px' } }}>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex gap={16} align="flex-start">
            <Avatar
              shape="square"
              size={56}
              style={{ background: avatarColor(c.name), fontSize: 24, flex: 'none' }}
              icon={c.kind === 'person' ? <UserOutlined /> : undefined}
            >
              {c.kind === 'company'
                ? (c.shortName ?? c.name).replace(/^(.{0,3}?[省市])/, '').slice(0, 1)
                : null}
            </Avatar>
            <div>
              <Flex align="center" gap={10} wrap>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="customer-title">
                  {c.name}
                </Typography.Title>
                <Tag variant="filled">{t(`customers.kinds.${c.kind}`)}</Tag>
                <LifecycleTag status={c.lifecycleStatus} />
                {c.grade ? <GradeTag grade={c.grade} /> : null}
              </Flex>
              <Space size={20} wrap style={{ marginTop: 8, color: '#595959' }}>
                <span data-testid="customer-owner">
                  <Typography.Text type="secondary">
                    {t('customers.fields.owner')}
                    {t('common.colon')}
                  </Typography.Text>
                  {c.ownerName ?? t('customers.publicPool')}
                </span>
                {c.code ? (
                  <span>
                    <Typography.Text type="secondary">
                      {t('customers.fields.code')}
                      {t('common.colon')}
                    </Typography.Text>
                    {c.code}
                  </span>
                ) : null}
                <span>
                  <Typography.Text type="secondary">
                    {t('customers.fields.region')}
                    {t('common.colon')}
                  </Typography.Text>
                  {regionText(c)}
                </span>
                <span>
                  <Typography.Text type="secondary">
                    {t('common.updatedAt')}
                    {t('common.colon')}
                  </Typography.Text>
                  {formatDateTime(c.updatedAt)}
                </span>
              </Space>
              {c.tags.length ? (
                <Flex wrap gap={4} style={{ marginTop: 10 }} data-testid="customer-tags">
                  {c.tags.map((tag) => (
                    <Tag key={tag} color="blue" variant="outlined" style={{ marginInlineEnd: 0 }}>
                      {tag}
                    </Tag>
                  ))}
                </Flex>
              ) : null}
            </div>
          </Flex>
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={goBack}>
              {t('common.back')}
            </Button>
            {canUpdate ? (
              <Button
                icon={<MergeCellsOutlined />}
                onClick={() => setMerging(true)}
                data-testid="merge-customer"
              >
                {t('customers.merge.action')}
              </Button>
            ) : null}
            {canRelease ? (
              <Button
                icon={<ExportOutlined />}
                onClick={() => setReleasing(true)}
                data-testid="release-customer"
              >
                {t('pool.release')}
              </Button>
            ) : null}
            {canDelete ? (
              <Button
                danger
                icon={<DeleteOutlined />}
                data-testid="delete-customer"
                onClick={() =>
                  modal.confirm({
                    title: t('customers.deleteConfirm', { name: c.name }),
                    content: t('customers.deleteHint'),
                    okButtonProps: { danger: true },
                    okText: t('common.delete'),
                    onOk: () => remove.mutateAsync(),
                  })
                }
              >
                {t('common.delete')}
              </Button>
            ) : null}
            {can(me, 'interactions', 'create') ? (
              <Button
                icon={<MessageOutlined />}
                onClick={() => setLogging(true)}
                data-testid="log-interaction"
              >
                {t('interactions.log')}
              </Button>
            ) : null}
            {canUpdate ? (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                data-testid="edit-customer"
              >
                {t('common.edit')}
              </Button>
            ) : null}
          </Space>
        </Flex>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) =>
            setParams(
              (old) => {
                const next = new URLSearchParams(old);
                if (key === 'profile') next.delete('tab');
                else next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
          items={[
            {
              key: 'profile',
              label: <span data-testid="tab-profile">{t('customers.tabs.profile')}</span>,
              children: <CustomerProfile customer={c} />,
            },
            {
              key: 'timeline',
              label: <span data-testid="tab-timeline">{t('interactions.timeline.tab')}</span>,
              children: <CustomerTimeline customerId={c.id} />,
            },
            {
              key: 'contacts',
              label: <span data-testid="tab-contacts">{t('customers.tabs.contacts')}</span>,
              children: <CustomerContacts customer={{ id: c.id, name: c.name }} />,
            },
            {
              key: 'tasks',
              label: <span data-testid="tab-tasks">{t('tasks.customerTab')}</span>,
              children: <CustomerTasks customer={{ id: c.id, name: c.name }} />,
            },
            {
              key: 'keyAccount',
              label: <span data-testid="tab-key-account">{t('customers.tabs.keyAccount')}</span>,
              children: <KeyAccountPanel customer={c} />,
            },
            {
              key: 'owners',
              label: <span data-testid="tab-owners">{t('customers.tabs.owners')}</span>,
              children: <OwnerTimeline customerId={c.id} />,
            },
            ...(can(me, 'receivables', 'read')
              ? [
                  {
                    key: 'credit',
                    label: <span data-testid="tab-credit">{t('receivables.credit.title')}</span>,
                    children: (
                      <Space direction="vertical" style={{ width: '100%' }}>
                        <CreditPanel customerId={c.id} />
                        <Link to={`/customers/${c.id}/statement`} data-testid="customer-statement-link">
                          {t('receivables.statement.title')}
                        </Link>
                      </Space>
                    ),
                  },
                ]
              : []),
            {
              key: 'history',
              label: <span data-testid="tab-history">{t('customers.tabs.history')}</span>,
              children: (
                <HistoryTimeline
                  testId="customer-history"
                  items={history.data?.items}
                  loading={history.isPending}
                  error={history.error}
                  entity="customers"
                  format={format}
                />
              ),
            },
          ]}
        />
      </Card>
      <CustomerForm open={editing} customer={c} onClose={() => setEditing(false)} />
      <MergeModal open={merging} customer={c} onClose={() => setMerging(false)} />
      <ReleaseModal open={releasing} customer={c} onClose={() => setReleasing(false)} />
      <InteractionModal open={logging} customer={c} onClose={() => setLogging(false)} />
    </>
  );
}
