import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  InputNumber,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { PageHeader, errorMessage, useApiFeedback } from '../../ui';
import { useSalesDictionaries } from '../opportunities/opportunity-labels';
import {
  MATCH_KEYS,
  activeUsers,
  createRule,
  deleteRule,
  fetchLeadSettings,
  listRules,
  moved,
  reorderRules,
  rulesKey,
  saveLeadSettings,
  settingsKey,
  updateRule,
  type LeadRule,
  type LeadSettings,
  type RuleInput,
} from './lead-assignment.api';
import { RuleDialog, ruleFieldTarget } from './RuleDialog';

/** 系统管理 → 线索分配: the first-contact deadline, the fallback owner and the ordered rules. */
export function LeadAssignmentPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const editable = can(me, 'leadAssignment', 'update');
  return (
    <>
      <PageHeader title={t('leadAssignment.title')} description={t('leadAssignment.description')} />
      <SettingsCard editable={editable} />
      <RulesCard editable={editable} />
    </>
  );
}

/** A Select shows its placeholder for undefined, not for null. */
const formValues = (s: LeadSettings) =>
  ({ ...s, fallbackOwnerId: s.fallbackOwnerId ?? undefined }) as LeadSettings;

function SettingsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [form] = Form.useForm<LeadSettings>();
  const settings = useQuery({ queryKey: settingsKey, queryFn: fetchLeadSettings });
  const users = useQuery({ queryKey: ['lead-assignment', 'users'], queryFn: activeUsers });
  const save = useMutation({
    mutationFn: saveLeadSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      form.setFieldsValue(formValues(saved));
      showSuccess();
    },
    onError: (error) => showError(error, form, ['firstContactHours', 'fallbackOwnerId']),
  });

  if (settings.isPending)
    return (
      <Card style={{ marginBottom: 16 }}>
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );
  if (settings.isError)
    return <Alert type="error" showIcon title={errorMessage(settings.error, t('common.requestFailed'))} />;

  return (
    <Card title={t('leadAssignment.settings.title')} style={{ marginBottom: 16 }}>
      <Form<LeadSettings>
        form={form}
        layout="vertical"
        initialValues={formValues(settings.data)}
        disabled={!editable}
        onFinish={(values) => save.mutate({ ...values, fallbackOwnerId: values.fallbackOwnerId ?? null })}
        data-testid="lead-settings-form"
      >
        <Space size={32} wrap align="start">
          <Form.Item
            name="firstContactHours"
            label={t('leadAssignment.settings.firstContactHours')}
            extra={t('leadAssignment.settings.firstContactHoursHint')}
            rules={[{ required: true, message: t('leadAssignment.required') }]}
          >
            <InputNumber
              min={1}
              max={720}
              precision={0}
              style={{ width: 180 }}
              suffix={t('leadAssignment.settings.hours')}
              data-testid="lead-settings-hours"
            />
          </Form.Item>
          <Form.Item
            name="fallbackOwnerId"
            label={t('leadAssignment.settings.fallbackOwner')}
            extra={t('leadAssignment.settings.fallbackOwnerHint')}
          >
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 260 }}
              placeholder={t('leadAssignment.settings.noFallback')}
              loading={users.isFetching}
              options={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              data-testid="lead-settings-fallback"
            />
          </Form.Item>
          <Form.Item
            name="requireQualification"
            label={t('leadAssignment.settings.requireQualification')}
            extra={t('leadAssignment.settings.requireQualificationHint')}
            valuePropName="checked"
          >
            <Switch data-testid="lead-settings-qualification" />
          </Form.Item>
          <Form.Item
            name="escalate"
            label={t('leadAssignment.settings.escalate')}
            extra={t('leadAssignment.settings.escalateHint')}
            valuePropName="checked"
          >
            <Switch data-testid="lead-settings-escalate" />
          </Form.Item>
        </Space>
        {editable ? (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="lead-settings-save">
            {t('common.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}

function RulesCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const dictionaries = useSalesDictionaries();
  const rules = useQuery({ queryKey: rulesKey, queryFn: listRules });
  const [editing, setEditing] = useState<LeadRule | null | 'new'>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: rulesKey });

  const save = useMutation({
    mutationFn: ({ input }: { input: RuleInput; form: Parameters<typeof showError>[1] }) =>
      editing && editing !== 'new' ? updateRule(editing.id, editing.version, input) : createRule(input),
    onSuccess: () => {
      setEditing(null);
      showSuccess();
      void refresh();
    },
    onError: (error, { form }) => showError(error, form, ruleFieldTarget),
  });
  const reorder = useMutation({
    mutationFn: reorderRules,
    onSuccess: (res) => queryClient.setQueryData(rulesKey, res),
    onError: (error) => {
      showError(error);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: deleteRule,
    onSuccess: () => {
      showSuccess(t('leadAssignment.rules.deleted'));
      void refresh();
    },
    onError: (error) => showError(error),
  });
  const toggle = useMutation({
    mutationFn: (r: LeadRule) => updateRule(r.id, r.version, { active: !r.active }),
    onSuccess: () => void refresh(),
    onError: (error) => {
      showError(error);
      void refresh();
    },
  });

  const items = rules.data?.items ?? [];
  const ids = items.map((r) => r.id);
  const matchText = (r: LeadRule) =>
    MATCH_KEYS.filter((k) => r.match[k]?.length).map((k) => {
      const values = r.match[k]!.map((v) =>
        k === 'productLines'
          ? dictionaries.labelOf('productLine', v)
          : k === 'channels'
            ? dictionaries.labelOf('leadChannel', v)
            : v,
      );
      return (
        <div key={k}>
          <Typography.Text type="secondary">{t(`leadAssignment.match.${k}`)}：</Typography.Text>
          {values.join('、')}
        </div>
      );
    });

  return (
    <Card
      title={t('leadAssignment.rules.title')}
      extra={
        editable ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="lead-rule-add"
          >
            {t('leadAssignment.rules.add')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('leadAssignment.rules.hint')}</Typography.Paragraph>
      {rules.isError ? (
        <Alert type="error" showIcon title={errorMessage(rules.error, t('common.requestFailed'))} />
      ) : (
        <Table<LeadRule>
          rowKey="id"
          size="middle"
          loading={rules.isPending}
          pagination={false}
          dataSource={items}
          data-testid="lead-rules-table"
          locale={{ emptyText: t('leadAssignment.rules.empty') }}
          columns={[
            { title: '#', dataIndex: 'position', width: 48 },
            { title: t('leadAssignment.rules.name'), dataIndex: 'name' },
            {
              title: t('leadAssignment.rules.kind'),
              dataIndex: 'kind',
              render: (k: string) => <Tag>{t(`leadAssignment.kinds.${k}`)}</Tag>,
            },
            {
              title: t('leadAssignment.rules.matches'),
              key: 'match',
              render: (_, r) => {
                const parts = matchText(r);
                return parts.length ? (
                  parts
                ) : (
                  <Typography.Text type="secondary">{t('leadAssignment.rules.any')}</Typography.Text>
                );
              },
            },
            {
              title: t('leadAssignment.rules.rotation'),
              key: 'rotation',
              render: (_, r) =>
                r.teamId ? (
                  <span>
                    <Tag color="blue">{t('leadAssignment.rules.teamTag')}</Tag>
                    {r.teamName}
                  </span>
                ) : (
                  r.assigneeNames.join('、')
                ),
            },
            {
              title: t('leadAssignment.rules.active'),
              key: 'active',
              width: 80,
              render: (_, r) => (
                <Switch
                  size="small"
                  checked={r.active}
                  disabled={!editable}
                  loading={toggle.isPending && toggle.variables?.id === r.id}
                  onChange={() => toggle.mutate(r)}
                  data-testid={`lead-rule-active-${r.position}`}
                />
              ),
            },
            ...(editable
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 180,
                    render: (_: unknown, r: LeadRule, index: number) => (
                      <Space size={0}>
                        <Tooltip title={t('leadAssignment.rules.moveUp')}>
                          <Button
                            type="text"
                            icon={<ArrowUpOutlined />}
                            disabled={index === 0 || reorder.isPending}
                            onClick={() => reorder.mutate(moved(ids, index, -1))}
                            aria-label={t('leadAssignment.rules.moveUp')}
                            data-testid={`lead-rule-up-${r.position}`}
                          />
                        </Tooltip>
                        <Tooltip title={t('leadAssignment.rules.moveDown')}>
                          <Button
                            type="text"
                            icon={<ArrowDownOutlined />}
                            disabled={index === items.length - 1 || reorder.isPending}
                            onClick={() => reorder.mutate(moved(ids, index, 1))}
                            aria-label={t('leadAssignment.rules.moveDown')}
                            data-testid={`lead-rule-down-${r.position}`}
                          />
                        </Tooltip>
                        <Button
                          type="text"
                          icon={<EditOutlined />}
                          onClick={() => setEditing(r)}
                          aria-label={t('common.edit')}
                          data-testid={`lead-rule-edit-${r.position}`}
                        />
                        <Popconfirm
                          title={t('leadAssignment.rules.confirmDelete', { name: r.name })}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => remove.mutate(r.id)}
                        >
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('common.delete')}
                            data-testid={`lead-rule-delete-${r.position}`}
                          />
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <RuleDialog
        open={editing !== null}
        rule={editing === 'new' ? null : editing}
        saving={save.isPending}
        onCancel={() => setEditing(null)}
        onSubmit={(input, form) => save.mutate({ input, form })}
      />
    </Card>
  );
}
