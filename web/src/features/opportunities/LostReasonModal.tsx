import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { testId } from '../../ui';
import { useSalesDictionaries } from './opportunity-labels';

interface Props {
  open: boolean;
  /** The opportunity's name, in the title. */
  name?: string;
  onCancel: () => void;
  onConfirm: (value: { lostReason: string; lostNote?: string }) => void;
}

/** Asks why an opportunity was lost before it moves to the lost stage. */
export function LostReasonModal({ open, name, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const dict = useSalesDictionaries();
  const [form] = Form.useForm<{ lostReason: string; lostNote?: string }>();
  return (
    <Modal
      open={open}
      title={t('opportunities.lost.title', { name: name ?? '' })}
      okText={t('opportunities.lost.confirm')}
      cancelText={t('common.cancel')}
      onCancel={() => {
        form.resetFields();
        onCancel();
      }}
      onOk={() => form.submit()}
      okButtonProps={testId('lost-reason-ok')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          form.resetFields();
          onConfirm(v);
        }}
      >
        <Form.Item
          name="lostReason"
          label={t('opportunities.fields.lostReason')}
          rules={[{ required: true, message: t('opportunities.lost.reasonRequired') }]}
        >
          <Select
            data-testid="lost-reason-select"
            options={dict.options('opportunityLostReason')}
            placeholder={t('opportunities.lost.reasonPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="lostNote" label={t('opportunities.fields.lostNote')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
