import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage, testId, useApiFeedback } from '../../ui';
import { ATTACHMENT_MAX_MB, attachmentProblem } from './attachment-check';
import {
  CHANNELS,
  createInteraction,
  fetchCustomerContactOptions,
  interactionsKey,
  uploadAttachment,
  type Channel,
} from './interactions.api';

interface Values {
  channel: Channel;
  contactId?: string;
  occurredAt: Dayjs;
  subject?: string;
  content?: string;
  outcome?: string;
  nextStep?: string;
  nextStepAt?: Dayjs;
}

interface Props {
  open: boolean;
  customer: { id: string; name: string };
  onClose: () => void;
}

const FIELDS = [
  'channel',
  'contactId',
  'occurredAt',
  'subject',
  'content',
  'outcome',
  'nextStep',
  'nextStepAt',
];

/** 记录跟进: log a call, visit … with the customer; a next-step date creates a follow-up task. */
export function InteractionModal({ open, customer, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const contacts = useQuery({
    queryKey: ['contacts', 'options', customer.id],
    queryFn: () => fetchCustomerContactOptions(customer.id),
    enabled: open,
  });

  const fileError = (error: unknown) =>
    error instanceof ApiError && error.status === 413
      ? t('interactions.attachments.tooLarge', { max: ATTACHMENT_MAX_MB })
      : error instanceof ApiError && error.status === 415
        ? t('interactions.attachments.badType')
        : errorMessage(error, t('common.requestFailed'));

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const created = await createInteraction({
        customerId: customer.id,
        channel: v.channel,
        contactId: v.contactId ?? null,
        occurredAt: v.occurredAt.toISOString(),
        subject: v.subject?.trim() || null,
        content: v.content?.trim() || null,
        outcome: v.outcome?.trim() || null,
        nextStep: v.nextStep?.trim() || null,
        nextStepAt: v.nextStepAt ? v.nextStepAt.toISOString() : null,
      });
      const failed: string[] = [];
      for (const f of files) {
        try {
          await uploadAttachment(created.id, f.originFileObj as File);
        } catch (error) {
          failed.push(`${f.name}: ${fileError(error)}`);
        }
      }
      return { created, failed };
    },
    onSuccess: ({ failed }) => {
      void queryClient.invalidateQueries({ queryKey: interactionsKey });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      if (failed.length) void message.error(failed.join('\n'), 8);
      else showSuccess(t('interactions.logged'));
      setFiles([]);
      form.resetFields();
      onClose();
    },
    onError: (error) => showError(error, form, FIELDS),
  });

  return (
    <Modal
      open={open}
      width={720}
      title={t('interactions.logTitle', { name: customer.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={testId('interaction-submit')}
      confirmLoading={save.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'call', occurredAt: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="channel" label={t('interactions.fields.channel')} rules={[{ required: true }]}>
              <Select
                data-testid="interaction-channel"
                options={CHANNELS.map((c) => ({ value: c, label: t(`interactions.channels.${c}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactId" label={t('interactions.fields.contact')}>
              <Select
                allowClear
                loading={contacts.isPending}
                options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="occurredAt"
              label={t('interactions.fields.occurredAt')}
              rules={[{ required: true }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs().add(1, 'day'))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="subject" label={t('interactions.fields.subject')} rules={[{ max: 200 }]}>
          <Input maxLength={200} data-testid="interaction-subject" />
        </Form.Item>
        <Form.Item name="content" label={t('interactions.fields.content')} rules={[{ max: 10000 }]}>
          <Input.TextArea rows={4} maxLength={10000} />
        </Form.Item>
        <Form.Item name="outcome" label={t('interactions.fields.outcome')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="nextStep" label={t('interactions.fields.nextStep')} rules={[{ max: 500 }]}>
              <Input maxLength={500} data-testid="interaction-next-step" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="nextStepAt"
              label={t('interactions.fields.nextStepAt')}
              extra={t('interactions.nextStepHint')}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                data-testid="interaction-next-step-at"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('interactions.attachments.title')}>
          <Upload
            multiple
            fileList={files}
            beforeUpload={(file) => {
              const problem = attachmentProblem(file);
              if (problem === 'tooLarge')
                void message.error(
                  `${file.name}: ${t('interactions.attachments.tooLarge', { max: ATTACHMENT_MAX_MB })}`,
                );
              else if (problem === 'type')
                void message.error(`${file.name}: ${t('interactions.attachments.badType')}`);
              else setFiles((old) => [...old, { uid: file.uid, name: file.name, originFileObj: file }]);
              return false;
            }}
            onRemove={(file) => setFiles((old) => old.filter((f) => f.uid !== file.uid))}
          >
            <Button icon={<UploadOutlined />}>{t('interactions.attachments.choose')}</Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('interactions.attachments.hint', { max: ATTACHMENT_MAX_MB })}
          </Typography.Text>
        </Form.Item>
      </Form>
    </Modal>
  );
}
