import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  InputNumber,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Typography,
  type FormInstance,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { PageHeader, errorMessage, useApiFeedback } from '../../ui';
import { fetchPoolSettings, poolKey, savePoolSettings } from './pool.api';
import {
  ANY,
  GRADES,
  NEW_RULE,
  STATUSES,
  fromForm,
  poolFieldTargets,
  toForm,
  type FormValues,
} from './pool-settings';

const cell = { style: { margin: 0 } };

/** 系统管理 → 公海规则: when customers go back to the pool, and how many a rep may hold. */
export function PoolSettingsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [form] = Form.useForm<FormValues>();
  const editable = can(me, 'customerPool', 'update');

  const settings = useQuery({ queryKey: [...poolKey, 'settings'], queryFn: fetchPoolSettings });

  const save = useMutation({
    mutationFn: (values: FormValues) => savePoolSettings(fromForm(values)),
    onSuccess: (saved) => {
      queryClient.setQueryData([...poolKey, 'settings'], saved);
      form.setFieldsValue(toForm(saved));
      showSuccess();
    },
    onError: (error) => showError(error, form, poolFieldTargets),
  });

  if (settings.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  if (settings.isError)
    return <Alert type="error" showIcon title={errorMessage(settings.error, t('common.requestFailed'))} />;

  const days = (name: (string | number)[], min: number, max: number, testId: string, required = true) => (
    <Form.Item
      {...cell}
      name={name}
      rules={required ? [{ required: true, message: t('poolSettings.required') }] : []}
    >
      <InputNumber
        min={min}
        max={max}
        precision={0}
        style={{ width: '100%' }}
        disabled={!editable}
        placeholder={required ? undefined : t('poolSettings.notUsed')}
        data-testid={testId}
      />
    </Form.Item>
  );

  return (
    <>
      <PageHeader title={t('poolSettings.title')} description={t('poolSettings.description')} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={toForm(settings.data)}
        disabled={!editable}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={(changed: Partial<FormValues>) => {
          // A value edited since the last save no longer carries the server's complaint.
          const stale = form
            .getFieldsError()
            .filter((f) => f.errors.length > 0)
            .filter((f) => {
              const [head, index] = f.name;
              if (head !== 'rules') return head !== undefined && head in changed;
              return typeof index === 'number' && changed.rules?.[index] !== undefined;
            })
            .map((f) => ({ name: f.name, errors: [] }));
          if (stale.length) (form as FormInstance).setFields(stale);
        }}
        data-testid="pool-settings-form"
      >
        <Card title={t('poolSettings.general')} style={{ marginBottom: 16 }}>
          <Space size={32} wrap align="start">
            <Form.Item name="enabled" label={t('poolSettings.enabled')} valuePropName="checked">
              <Switch data-testid="pool-settings-enabled" />
            </Form.Item>
            <Form.Item
              name="capPerRep"
              label={t('poolSettings.capPerRep')}
              extra={t('poolSettings.capPerRepHint')}
            >
              <InputNumber
                min={1}
                max={1_000_000}
                precision={0}
                style={{ width: 180 }}
                placeholder={t('poolSettings.unlimited')}
                data-testid="pool-settings-cap"
              />
            </Form.Item>
            <Form.Item
              name="coolDownDays"
              label={t('poolSettings.coolDownDays')}
              extra={t('poolSettings.coolDownHint')}
              rules={[{ required: true, message: t('poolSettings.required') }]}
            >
              <InputNumber
                min={0}
                max={365}
                precision={0}
                style={{ width: 180 }}
                suffix={t('poolSettings.days')}
                data-testid="pool-settings-cooldown"
              />
            </Form.Item>
          </Space>
        </Card>
        <Card title={t('poolSettings.rules')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('poolSettings.rulesHint')}</Typography.Paragraph>
          <Form.List name="rules">
            {(fields, { add, remove }) => (
              <>
                <Table
                  rowKey="key"
                  size="middle"
                  pagination={false}
                  dataSource={fields}
                  data-testid="pool-rules-table"
                  scroll={{ x: 820 }}
                  locale={{ emptyText: t('poolSettings.noRules') }}
                  columns={[
                    {
                      key: 'grade',
                      title: t('customers.fields.grade'),
                      width: 130,
                      render: (_, f) => (
                        <Form.Item {...cell} name={[f.name, 'grade']}>
                          <Select
                            data-testid={`pool-rule-${f.name}-grade`}
                            options={[
                              { value: ANY, label: t('poolSettings.anyGrade') },
                              ...GRADES.map((g) => ({ value: g, label: g })),
                            ]}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      key: 'status',
                      title: t('customers.fields.lifecycleStatus'),
                      width: 140,
                      render: (_, f) => (
                        <Form.Item {...cell} name={[f.name, 'status']}>
                          <Select
                            data-testid={`pool-rule-${f.name}-status`}
                            options={[
                              { value: ANY, label: t('poolSettings.anyStatus') },
                              ...STATUSES.map((s) => ({ value: s, label: t(`customers.lifecycle.${s}`) })),
                            ]}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      key: 'noFollowUpDays',
                      title: t('poolSettings.noFollowUpDays'),
                      width: 150,
                      render: (_, f) =>
                        days([f.name, 'noFollowUpDays'], 1, 3650, `pool-rule-${f.name}-no-follow-up`),
                    },
                    {
                      key: 'noDealDays',
                      title: t('poolSettings.noDealDays'),
                      width: 150,
                      render: (_, f) =>
                        days([f.name, 'noDealDays'], 1, 3650, `pool-rule-${f.name}-no-deal`, false),
                    },
                    {
                      key: 'warnDaysBefore',
                      title: t('poolSettings.warnDaysBefore'),
                      width: 150,
                      render: (_, f) => days([f.name, 'warnDaysBefore'], 0, 365, `pool-rule-${f.name}-warn`),
                    },
                    {
                      key: 'actions',
                      title: t('common.actions'),
                      width: 80,
                      render: (_, f) => (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                          onClick={() => remove(f.name)}
                          data-testid={`pool-rule-${f.name}-remove`}
                        />
                      ),
                    },
                  ]}
                />
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  style={{ marginTop: 12 }}
                  onClick={() => add({ ...NEW_RULE })}
                  disabled={!editable || fields.length >= 50}
                  data-testid="pool-rule-add"
                >
                  {t('poolSettings.addRule')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        {editable ? (
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              data-testid="pool-settings-save"
            >
              {t('common.save')}
            </Button>
            <Button onClick={() => form.resetFields()} disabled={save.isPending}>
              {t('common.reset')}
            </Button>
          </Space>
        ) : null}
      </Form>
    </>
  );
}
