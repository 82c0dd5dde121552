import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { testId, useApiFeedback } from '../../ui';
import { CustomerPicker } from '../customers/CustomerPicker';
import { UserSelect } from '../users';
import {
  createOpportunity,
  opportunitiesKey,
  updateOpportunity,
  type Opportunity,
  type Pipeline,
} from './opportunities.api';
import { useSalesDictionaries, useStageLabel } from './opportunity-labels';

interface Values {
  name: string;
  customerId: string;
  stageId?: string;
  amount?: string;
  currency: string;
  probability?: number | null;
  expectedCloseDate?: Dayjs | null;
  channel?: string | null;
  campaign?: string | null;
  productInterest?: string[];
  ownerId?: string;
}

const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'AUD', 'CAD', 'RUB', 'AED'];

interface Props {
  open: boolean;
  /** Editing this one; creating when absent. */
  opportunity?: Opportunity;
  pipeline?: Pipeline;
  onClose: () => void;
  onSaved?: (o: Opportunity) => void;
}

/** Creates or edits an opportunity; the stage is chosen at creation only (moves go through the board). */
export function OpportunityForm({ open, opportunity, pipeline, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const dict = useSalesDictionaries();
  const stageLabel = useStageLabel();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name,
        customerId: v.customerId,
        amount: v.amount || '0',
        currency: v.currency,
        ...(v.probability !== undefined && v.probability !== null ? { probability: v.probability } : {}),
        expectedCloseDate: v.expectedCloseDate ? v.expectedCloseDate.format('YYYY-MM-DD') : null,
        channel: v.channel || null,
        campaign: v.campaign || null,
        productInterest: v.productInterest ?? [],
        ...(v.ownerId ? { ownerId: v.ownerId } : {}),
      };
      return opportunity
        ? updateOpportunity(opportunity.id, { ...body, version: opportunity.version })
        : createOpportunity({ ...body, pipelineId: pipeline?.id, stageId: v.stageId });
    },
    onSuccess: (o) => {
      showSuccess(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: opportunitiesKey });
      onSaved?.(o);
      onClose();
    },
    onError: (error) => showError(error, form),
  });
  const initial: Partial<Values> = opportunity
    ? {
        name: opportunity.name,
        customerId: opportunity.customerId,
        amount: opportunity.amount,
        currency: opportunity.currency,
        probability: opportunity.probability,
        expectedCloseDate: opportunity.expectedCloseDate ? dayjs(opportunity.expectedCloseDate) : null,
        channel: opportunity.channel,
        campaign: opportunity.campaign,
        productInterest: opportunity.productInterest,
        ownerId: opportunity.ownerId,
      }
    : { currency: 'CNY', stageId: pipeline?.stages.find((s) => s.kind === 'open' && s.active)?.id };
  return (
    <Modal
      open={open}
      title={opportunity ? t('opportunities.form.editTitle') : t('opportunities.form.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={testId('opportunity-form-save')}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('opportunities.fields.name')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="opportunity-name" />
        </Form.Item>
        <Form.Item name="customerId" label={t('opportunities.fields.customer')} rules={[{ required: true }]}>
          <CustomerPicker currentLabel={opportunity?.customerName} />
        </Form.Item>
        {!opportunity && pipeline ? (
          <Form.Item name="stageId" label={t('opportunities.fields.stage')}>
            <Select
              options={pipeline.stages
                .filter((s) => s.active && s.kind === 'open')
                .map((s) => ({ value: s.id, label: stageLabel(s) }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item label={t('opportunities.fields.amount')} required>
          <Input.Group compact>
            <Form.Item name="currency" noStyle>
              <Select style={{ width: '30%' }} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
            <Form.Item
              name="amount"
              noStyle
              rules={[{ pattern: /^\d{1,16}(\.\d{1,2})?$/, message: t('opportunities.form.amountFormat') }]}
            >
              <Input
                style={{ width: '70%' }}
                inputMode="decimal"
                placeholder="0.00"
                data-testid="opportunity-amount"
              />
            </Form.Item>
          </Input.Group>
        </Form.Item>
        <Form.Item name="probability" label={t('opportunities.fields.probability')}>
          <InputNumber
            min={0}
            max={100}
            precision={0}
            addonAfter="%"
            placeholder={t('opportunities.form.stageDefault')}
          />
        </Form.Item>
        <Form.Item name="expectedCloseDate" label={t('opportunities.fields.expectedCloseDate')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="channel" label={t('opportunities.fields.channel')}>
          <Select allowClear options={dict.options('leadChannel')} />
        </Form.Item>
        <Form.Item name="campaign" label={t('opportunities.fields.campaign')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="productInterest" label={t('opportunities.fields.productInterest')}>
          <Select mode="multiple" allowClear options={dict.options('productLine')} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('opportunities.fields.owner')}>
          <UserSelect currentLabel={opportunity?.ownerName} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
