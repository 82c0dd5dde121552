import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clearEditedErrors, isVersionConflict, useApiFeedback, ValueListField } from '../../ui';
import { CustomFieldInputs, useCustomFieldDefs } from '../customization';
import { CustomerPicker } from '../customers/CustomerPicker';
import { customersKey, isMasked } from '../customers/customers.api';
import {
  contactFieldTarget,
  initialContactValues,
  lunarDayName,
  lunarMonthName,
  toCreateContactBody,
  toUpdateContactBody,
  type ContactFormValues,
} from './contact-form';
import {
  contactsKey,
  createContact,
  DECISION_ROLES,
  fetchContact,
  updateContact,
  type Contact,
} from './contacts.api';

interface Props {
  open: boolean;
  contact?: Contact;
  /** The customer a new contact belongs to; without one the form asks. */
  customer?: { id: string; name: string };
  onClose: () => void;
  onSaved?: (contact: Contact) => void;
}

export function ContactForm({ open, contact, customer, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [form] = Form.useForm<ContactFormValues>();
  const [base, setBase] = useState<Contact | undefined>(contact);
  const lunar = Form.useWatch('birthdayLunar', form) ?? false;
  const customFieldCount = useCustomFieldDefs('contacts').data?.length ?? 0;

  useEffect(() => {
    if (!open) return;
    setBase(contact);
    form.resetFields();
    form.setFieldsValue(initialContactValues(contact, customer?.id));
  }, [open, contact, customer?.id, form]);

  const save = useMutation({
    mutationFn: (values: ContactFormValues) =>
      base
        ? updateContact(base.id, toUpdateContactBody(base, values))
        : createContact(toCreateContactBody(values, customer?.id ?? values.customerId ?? '')),
    onSuccess: (saved) => {
      showSuccess(base ? t('common.saved') : t('contacts.created'));
      void queryClient.invalidateQueries({ queryKey: contactsKey });
      // Contacts' names are part of a customer's search terms.
      void queryClient.invalidateQueries({ queryKey: customersKey });
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => {
      showError(error, form, (path) =>
        path[0] === 'birthday' && form.getFieldValue('birthdayLunar')
          ? ['lunarMonth']
          : contactFieldTarget(path),
      );
      if (isVersionConflict(error) && base) {
        void queryClient.invalidateQueries({ queryKey: contactsKey });
        fetchContact(base.id)
          .then((fresh) => {
            setBase(fresh);
            form.setFieldsValue(initialContactValues(fresh));
          })
          .catch(() => onClose());
      }
    },
  });

  const required = { required: true, whitespace: true, message: t('validation.required') };

  return (
    <Drawer
      open={open}
      size={640}
      title={base ? t('contacts.edit', { name: base.name }) : t('contacts.create')}
      onClose={onClose}
      destroyOnHidden
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="contact-form-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<ContactFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        onValuesChange={(changed: object) => clearEditedErrors(form, changed)}
        data-testid="contact-form"
      >
        {customer ? null : (
          <Form.Item
            name="customerId"
            label={t('contacts.fields.customer')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <CustomerPicker currentLabel={base?.customerName} data-testid="contact-form-customer" />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('contacts.fields.name')} rules={[required]}>
              <Input maxLength={100} data-testid="contact-form-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="title" label={t('contacts.fields.title')}>
              <Input maxLength={100} data-testid="contact-form-title" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="decisionRole" label={t('contacts.fields.decisionRole')}>
              <Select
                allowClear
                options={DECISION_ROLES.map((value) => ({ value, label: t(`contacts.roles.${value}`) }))}
                data-testid="contact-form-role"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="isKeyPerson"
              label={t('contacts.fields.isKeyPerson')}
              valuePropName="checked"
              extra={t('contacts.keyPersonHint')}
            >
              <Switch data-testid="contact-form-key-person" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('contacts.form.reach')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <ValueListField
              name="phones"
              kind="phone"
              label={t('contacts.fields.phones')}
              addLabel={t('customers.form.addPhone')}
              testId="contact-form-phone"
              disabledReason={base?.phones.some(isMasked) ? t('customers.form.maskedHint') : undefined}
            />
          </Col>
          <Col span={12}>
            <ValueListField
              name="emails"
              kind="email"
              label={t('contacts.fields.emails')}
              addLabel={t('customers.form.addEmail')}
              testId="contact-form-email"
              disabledReason={base?.emails.some(isMasked) ? t('customers.form.maskedHint') : undefined}
            />
          </Col>
          <Col span={12}>
            <Form.Item name="wechatId" label={t('contacts.fields.wechatId')}>
              <Input maxLength={100} data-testid="contact-form-wechat" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('contacts.form.personal')}
        </Divider>
        <Form.Item label={t('contacts.fields.birthday')} required={false}>
          <Flex gap={12} align="center" wrap>
            {lunar ? (
              <Space.Compact>
                <Form.Item name="lunarYear" noStyle>
                  <InputNumber
                    min={1900}
                    max={2100}
                    placeholder={t('contacts.form.lunarYear')}
                    style={{ width: 130 }}
                  />
                </Form.Item>
                <Form.Item
                  name="lunarMonth"
                  noStyle
                  rules={[{ required: true, message: t('contacts.form.lunarRequired') }]}
                >
                  <Select
                    placeholder={t('contacts.form.lunarMonth')}
                    style={{ width: 110 }}
                    options={Array.from({ length: 12 }, (_, i) => ({
                      value: i + 1,
                      label: zh ? lunarMonthName(i + 1) : `${i + 1}`,
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name="lunarDay"
                  noStyle
                  rules={[{ required: true, message: t('contacts.form.lunarRequired') }]}
                >
                  <Select
                    placeholder={t('contacts.form.lunarDay')}
                    style={{ width: 100 }}
                    options={Array.from({ length: 30 }, (_, i) => ({
                      value: i + 1,
                      label: zh ? lunarDayName(i + 1) : `${i + 1}`,
                    }))}
                  />
                </Form.Item>
              </Space.Compact>
            ) : (
              <Form.Item
                name="birthday"
                noStyle
                getValueProps={(value: string | null | undefined) => ({ value: value ? dayjs(value) : null })}
                normalize={(value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null)}
              >
                <DatePicker
                  style={{ width: 200 }}
                  disabledDate={(d) => d.isAfter(dayjs())}
                  data-testid="contact-form-birthday"
                />
              </Form.Item>
            )}
            <Form.Item name="birthdayLunar" valuePropName="checked" noStyle>
              <Checkbox data-testid="contact-form-lunar">{t('contacts.fields.birthdayLunar')}</Checkbox>
            </Form.Item>
          </Flex>
        </Form.Item>
        <Form.Item name="hobbies" label={t('contacts.fields.hobbies')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="familyNotes" label={t('contacts.fields.familyNotes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="notes" label={t('contacts.fields.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        {customFieldCount ? (
          <>
            <Divider titlePlacement="start" plain>
              {t('customization.values.section')}
            </Divider>
            <Row gutter={16}>
              <CustomFieldInputs entity="contacts" />
            </Row>
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
