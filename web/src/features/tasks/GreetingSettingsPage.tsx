import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, InputNumber, Select, Skeleton, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { PageHeader, errorMessage, useApiFeedback } from '../../ui';
import {
  HOLIDAY_KEYS,
  fetchGreetingSettings,
  saveGreetingSettings,
  tasksKey,
  type GreetingSettings,
} from './tasks.api';

const key = [...tasksKey, 'greeting-settings'];

/** 系统管理 → 节日问候: which holidays and birthdays create greeting tasks, how many days ahead. */
export function GreetingSettingsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [form] = Form.useForm<GreetingSettings>();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const editable = can(me, 'roles', 'update');
  const settings = useQuery({ queryKey: key, queryFn: fetchGreetingSettings });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: saveGreetingSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      showSuccess();
    },
    onError: (e) => showError(e, form, ['enabled', 'daysAhead', 'holidays', 'grades']),
  });

  if (settings.isError)
    return <Alert type="error" showIcon title={errorMessage(settings.error, t('common.requestFailed'))} />;
  return (
    <>
      <PageHeader title={t('tasks.greetings.title')} description={t('tasks.greetings.description')} />
      <Card>
        {settings.isPending ? (
          <Skeleton active />
        ) : (
          <Form
            form={form}
            layout="vertical"
            disabled={!editable}
            onFinish={(v) => save.mutate(v)}
            style={{ maxWidth: 640 }}
          >
            <Form.Item name="enabled" label={t('tasks.greetings.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="daysAhead" label={t('tasks.greetings.daysAhead')} rules={[{ required: true }]}>
              <InputNumber min={0} max={30} precision={0} addonAfter={t('tasks.greetings.days')} />
            </Form.Item>
            <Form.Item name="holidays" label={t('tasks.greetings.holidays')}>
              <Checkbox.Group
                options={HOLIDAY_KEYS.map((k) => ({ value: k, label: t(`tasks.holidays.${k}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="grades"
              label={t('tasks.greetings.grades')}
              extra={t('tasks.greetings.gradesHelp')}
            >
              <Select mode="tags" options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }))} />
            </Form.Item>
            {editable ? (
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('tasks.form.save')}
              </Button>
            ) : null}
          </Form>
        )}
      </Card>
    </>
  );
}
