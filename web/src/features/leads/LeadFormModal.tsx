import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { useApiFeedback } from '../../ui';
import { useDictionaries } from '../customization';
import { UserSelect } from '../users';
import { createLead, leadsKey, updateLead, type Lead, type LeadInput } from './leads.api';

interface Props {
  open: boolean;
  lead?: Lead;
  onClose: () => void;
  onSaved: (lead: Lead) => void;
}

const split = (s: string | undefined) =>
  (s ?? '')
    .split(/[,;，；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Create or edit a lead: person and company, how to reach them, where they came from. */
export function LeadFormModal({ open, lead, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const dict = useDictionaries();
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (lead)
      form.setFieldsValue({
        ...lead,
        phones: lead.phones.join(', '),
        emails: lead.emails.join(', '),
        tags: lead.tags,
      });
    else form.setFieldsValue({ channel: 'other' });
  }, [open, lead, form]);

  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body: LeadInput = {
        name: (v.name as string) || null,
        company: (v.company as string) || null,
        title: (v.title as string) || null,
        phones: split(v.phones as string),
        emails: split(v.emails as string),
        wechat: (v.wechat as string) || null,
        country: ((v.country as string) || '').toUpperCase() || null,
        address: (v.address as string) || null,
        website: (v.website as string) || null,
        channel: v.channel as string,
        campaign: (v.campaign as string) || null,
        productInterest: (v.productInterest as string[]) ?? [],
        language: (v.language as string) || null,
        notes: (v.notes as string) || null,
        tags: (v.tags as string[]) ?? [],
      };
      if (lead) return updateLead(lead.id, { ...body, version: lead.version });
      return createLead({ ...body, ...(v.ownerId ? { ownerId: v.ownerId as string } : {}) });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: leadsKey });
      onSaved(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fieldIssues.length)
        form.setFields(
          error.fieldIssues.map((i) => ({
            name: i.field.replace(/\[\d+\]$/, ''),
            errors: [i.message ?? i.code],
          })),
        );
      showError(error);
    },
  });

  return (
    <Modal
      open={open}
      title={lead ? t('leads.edit') : t('leads.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="lead-form">
        <Form.Item name="name" label={t('leads.fields.name')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="company" label={t('leads.fields.company')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="title" label={t('leads.fields.title')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="phones" label={t('leads.fields.phones')} extra={t('leads.form.listHint')}>
          <Input />
        </Form.Item>
        <Form.Item name="emails" label={t('leads.fields.emails')} extra={t('leads.form.listHint')}>
          <Input />
        </Form.Item>
        <Form.Item name="wechat" label={t('leads.fields.wechat')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="country" label={t('leads.fields.country')} extra={t('leads.form.countryHint')}>
          <Input maxLength={2} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="address" label={t('leads.fields.address')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="website" label={t('leads.fields.website')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="channel" label={t('leads.fields.channel')} rules={[{ required: true }]}>
          <Select options={dict.options('leadChannel')} />
        </Form.Item>
        <Form.Item name="campaign" label={t('leads.fields.campaign')}>
          <Input maxLength={200} placeholder={t('leads.form.campaignHint')} />
        </Form.Item>
        <Form.Item name="productInterest" label={t('leads.fields.productInterest')}>
          <Select mode="multiple" options={dict.options('productLine')} />
        </Form.Item>
        <Form.Item name="language" label={t('leads.fields.language')}>
          <Input maxLength={3} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="tags" label={t('leads.fields.tags')}>
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="notes" label={t('leads.fields.notes')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        {!lead ? (
          <Form.Item name="ownerId" label={t('leads.fields.owner')} extra={t('leads.form.ownerHint')}>
            <UserSelect />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
