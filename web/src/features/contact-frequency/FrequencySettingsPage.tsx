import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Skeleton, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { PageHeader, errorMessage, useApiFeedback } from '../../ui';
import { contactFrequencyKey, fetchTargets, saveTargets } from './contact-frequency.api';

interface Values {
  rows: { grade: string; days: number }[];
}
const key = [...contactFrequencyKey, 'targets'];

/** 系统管理 → 联系频率目标: days between contacts for each customer grade. */
export function FrequencySettingsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const editable = can(me, 'customerPool', 'update');
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const targets = useQuery({ queryKey: key, queryFn: fetchTargets });
  useEffect(() => {
    if (targets.data)
      form.setFieldsValue({
        rows: Object.entries(targets.data.targets).map(([grade, days]) => ({ grade, days })),
      });
  }, [targets.data, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      saveTargets(Object.fromEntries((v.rows ?? []).map((r) => [r.grade.trim(), r.days]))),
    onSuccess: async (saved) => {
      queryClient.setQueryData(key, saved);
      await queryClient.invalidateQueries({ queryKey: contactFrequencyKey });
      showSuccess();
    },
    onError: (e) => showError(e),
  });

  if (targets.isError)
    return <Alert type="error" showIcon title={errorMessage(targets.error, t('common.requestFailed'))} />;
  return (
    <>
      <PageHeader
        title={t('contactFrequency.settingsTitle')}
        description={t('contactFrequency.settingsDescription')}
      />
      <Card>
        {targets.isPending ? (
          <Skeleton active />
        ) : (
          <Form form={form} disabled={!editable} onFinish={(v) => save.mutate(v)} style={{ maxWidth: 480 }}>
            <Form.List name="rows">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline">
                      <Form.Item
                        name={[field.name, 'grade']}
                        rules={[
                          {
                            required: true,
                            pattern: /^[A-Za-z0-9]{1,10}$/,
                            message: t('contactFrequency.gradeRule'),
                          },
                        ]}
                      >
                        <Input placeholder={t('contactFrequency.grade')} style={{ width: 120 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'days']} rules={[{ required: true }]}>
                        <InputNumber
                          min={1}
                          max={3650}
                          precision={0}
                          addonAfter={t('contactFrequency.daysUnit')}
                        />
                      </Form.Item>
                      {editable ? (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                        />
                      ) : null}
                    </Space>
                  ))}
                  {editable ? (
                    <Form.Item>
                      <Button icon={<PlusOutlined />} onClick={() => add({ grade: '', days: 30 })}>
                        {t('contactFrequency.addGrade')}
                      </Button>
                    </Form.Item>
                  ) : null}
                </>
              )}
            </Form.List>
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
