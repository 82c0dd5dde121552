import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AutoComplete, Button, Col, Divider, Drawer, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useMe } from '../../app/session';
import {
  clearEditedErrors,
  isVersionConflict,
  useApiFeedback,
  useDebouncedValue,
  ValueListField,
} from '../../ui';
import { UserSelect } from '../users';
import {
  AMOUNT_PATTERN,
  cleanAmount,
  customerFieldTarget,
  duplicateQuery,
  initialValues,
  toCreateBody,
  toUpdateBody,
  type CustomerFormValues,
} from './customer-form';
import { useCustomerOptions } from './customer-options';
import { CustomFieldInputs, useCustomFieldDefs, useDictionaries } from '../customization';
import { canManageCustomers } from './customer-permissions';
import {
  createCustomer,
  customersKey,
  fetchCustomer,
  findDuplicates,
  isMasked,
  updateCustomer,
  type Customer,
  type Duplicate,
  type DuplicateQuery,
} from './customers.api';
import { DuplicateNotice } from './DuplicateNotice';
import { RegionCascader } from './RegionCascader';

interface Props {
  open: boolean;
  /** The customer to edit; none to create one. */
  customer?: Customer;
  onClose: () => void;
  onSaved?: (customer: Customer) => void;
}

/** 409 DUPLICATE_CUSTOMER: the server's message and who owns the existing customer. */
interface Refusal {
  message: string;
  duplicate: Duplicate;
}

function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof ApiError) || error.code !== 'DUPLICATE_CUSTOMER') return null;
  const d = error.details as Partial<Duplicate> | undefined;
  if (!d?.existingId) return null;
  return {
    message: error.message,
    duplicate: {
      existingId: d.existingId,
      ownerId: d.ownerId ?? null,
      ownerName: d.ownerName ?? null,
      matchedOn: d.matchedOn ?? [],
    },
  };
}

export function CustomerForm({ open, customer, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const options = useCustomerOptions();
  const dictionaries = useDictionaries();
  const customFieldCount = useCustomFieldDefs('customers').data?.length ?? 0;
  const [form] = Form.useForm<CustomerFormValues>();
  const [base, setBase] = useState<Customer | undefined>(customer);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const manager = canManageCustomers(me);

  useEffect(() => {
    if (!open) return;
    setBase(customer);
    setRefusal(null);
    form.resetFields();
    form.setFieldsValue(initialValues(customer, me?.id));
  }, [open, customer, form, me?.id]);

  const kind = Form.useWatch('kind', form) ?? 'company';
  const country = Form.useWatch('country', form);
  const watched = {
    kind,
    name: Form.useWatch('name', form),
    phones: Form.useWatch('phones', form),
    emails: Form.useWatch('emails', form),
    creditCode: Form.useWatch('creditCode', form),
  };
  // Compared as text, so an unchanged form asks nothing new.
  const probeText = useDebouncedValue(JSON.stringify(open ? duplicateQuery(watched, base?.id) : null), 400);
  const probe = JSON.parse(probeText) as DuplicateQuery | null;
  const duplicates = useQuery({
    queryKey: [...customersKey, 'duplicates', probe],
    queryFn: ({ signal }) => findDuplicates(probe ?? {}, signal),
    enabled: probe !== null,
    staleTime: 10_000,
    retry: false,
  });
  const found = probe ? (duplicates.data?.items ?? []) : [];

  const save = useMutation({
    mutationFn: ({ values, allowDuplicate }: { values: CustomerFormValues; allowDuplicate?: boolean }) => {
      const extra = allowDuplicate ? { allowDuplicate: true } : {};
      return base
        ? updateCustomer(base.id, { ...toUpdateBody(base, values), ...extra })
        : createCustomer({ ...toCreateBody(values), ...extra });
    },
    onSuccess: (saved) => {
      showSuccess(base ? t('common.saved') : t('customers.created'));
      queryClient.setQueryData([...customersKey, 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: customersKey });
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => {
      const refused = refusalOf(error);
      if (refused) {
        setRefusal(refused);
        return;
      }
      showError(error, form, customerFieldTarget);
      if (isVersionConflict(error) && base) {
        void queryClient.invalidateQueries({ queryKey: customersKey });
        // Start again from the other person's version.
        fetchCustomer(base.id)
          .then((fresh) => {
            setBase(fresh);
            form.setFieldsValue(initialValues(fresh, me?.id));
          })
          .catch(() => onClose());
      }
    },
  });

  const openCustomer = (id: string) => {
    onClose();
    navigate(`/customers/${id}`);
  };

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const isCompany = kind === 'company';

  return (
    <Drawer
      open={open}
      size={760}
      title={base ? t('customers.edit', { name: base.name }) : t('customers.create')}
      onClose={onClose}
      destroyOnHidden
      forceRender
      extra={
        <Space>
          <Button onClick={onClose} data-testid="customer-form-cancel">
            {t('common.cancel')}
          </Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="customer-form-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {refusal ? (
        <DuplicateNotice
          type="error"
          testId="customer-duplicate-refused"
          title={refusal.message}
          duplicates={[refusal.duplicate]}
          onOpen={openCustomer}
          action={
            manager ? (
              <Button
                size="small"
                danger
                loading={save.isPending}
                onClick={() =>
                  form
                    .validateFields()
                    .then((values) => save.mutate({ values, allowDuplicate: true }))
                    .catch(() => undefined)
                }
                data-testid="customer-save-anyway"
              >
                {t('customers.duplicate.saveAnyway')}
              </Button>
            ) : undefined
          }
        />
      ) : found.length ? (
        <DuplicateNotice
          type="warning"
          testId="customer-duplicate-warning"
          title={t('customers.duplicate.title')}
          duplicates={found}
          onOpen={openCustomer}
        />
      ) : null}
      <Form<CustomerFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => {
          setRefusal(null);
          save.mutate({ values });
        }}
        onValuesChange={(changed: Partial<CustomerFormValues>) => {
          clearEditedErrors(form, changed);
          if (['name', 'phones', 'emails', 'creditCode', 'kind'].some((k) => k in changed)) setRefusal(null);
        }}
        data-testid="customer-form"
        scrollToFirstError
      >
        <Form.Item name="kind" style={{ marginBottom: 16 }}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={options.kinds.map((o) => ({
              ...o,
              label: <span data-testid={`customer-form-kind-${o.value}`}>{o.label}</span>,
            }))}
          />
        </Form.Item>

        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('customers.form.basics')}
        </Divider>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item
              name="name"
              label={isCompany ? t('customers.fields.companyName') : t('customers.fields.personName')}
              rules={[required]}
            >
              <Input maxLength={200} data-testid="customer-form-name" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="shortName" label={t('customers.fields.shortName')}>
              <Input maxLength={100} data-testid="customer-form-short-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="code" label={t('customers.fields.code')} extra={t('customers.form.codeHint')}>
              <Input maxLength={50} data-testid="customer-form-code" />
            </Form.Item>
          </Col>
          {isCompany ? (
            <Col span={16}>
              <Form.Item name="creditCode" label={t('customers.fields.creditCode')}>
                <Input
                  maxLength={30}
                  placeholder={t('customers.form.creditCodePlaceholder')}
                  data-testid="customer-form-credit-code"
                />
              </Form.Item>
            </Col>
          ) : null}
        </Row>

        <Divider titlePlacement="start" plain>
          {t('customers.form.contactInfo')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <ValueListField
              name="phones"
              kind="phone"
              label={t('customers.fields.phones')}
              addLabel={t('customers.form.addPhone')}
              placeholder={t('customers.form.phonePlaceholder')}
              testId="customer-form-phone"
              disabledReason={base?.phones.some(isMasked) ? t('customers.form.maskedHint') : undefined}
            />
          </Col>
          <Col span={12}>
            <ValueListField
              name="emails"
              kind="email"
              label={t('customers.fields.emails')}
              addLabel={t('customers.form.addEmail')}
              placeholder="name@example.cn"
              testId="customer-form-email"
              disabledReason={base?.emails.some(isMasked) ? t('customers.form.maskedHint') : undefined}
            />
          </Col>
          <Col span={12}>
            <Form.Item name="website" label={t('customers.fields.website')}>
              <Input maxLength={200} placeholder="https://" data-testid="customer-form-website" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('customers.form.location')}
        </Divider>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="country" label={t('customers.fields.country')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={options.countries}
                onChange={(value: string) => {
                  if (value !== 'CN') form.setFieldValue('region', []);
                }}
                data-testid="customer-form-country"
              />
            </Form.Item>
          </Col>
          {(country ?? 'CN') === 'CN' ? (
            <Col span={16}>
              <Form.Item name="region" label={t('customers.fields.region')}>
                <RegionCascader
                  names={[base?.provinceName ?? null, base?.cityName ?? null, base?.districtName ?? null]}
                  testId="customer-form-region"
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={24}>
            <Form.Item name="address" label={t('customers.fields.address')}>
              <Input maxLength={300} data-testid="customer-form-address" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('customers.form.business')}
        </Divider>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="industry" label={t('customers.fields.industry')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={dictionaries.options('industry')}
                data-testid="customer-form-industry"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="type" label={t('customers.fields.type')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={dictionaries.options('customerType')}
                data-testid="customer-form-type"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="source" label={t('customers.fields.source')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={dictionaries.options('source')}
                data-testid="customer-form-source"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="sourceDetail" label={t('customers.fields.sourceDetail')}>
              <Input maxLength={200} placeholder={t('customers.form.sourceDetailPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="mainProducts" label={t('customers.fields.mainProducts')}>
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="lifecycleStatus" label={t('customers.fields.lifecycleStatus')}>
              <Select options={options.lifecycle} data-testid="customer-form-lifecycle" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="relationshipLevel" label={t('customers.fields.relationshipLevel')}>
              <Select
                allowClear
                options={dictionaries.options('relationshipLevel')}
                data-testid="customer-form-relationship"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="grade" label={t('customers.fields.grade')}>
              <Select allowClear options={options.grades} data-testid="customer-form-grade" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="tags" label={t('customers.fields.tags')}>
              <Select
                mode="tags"
                tokenSeparators={[',', '，']}
                maxCount={50}
                placeholder={t('customers.form.tagsPlaceholder')}
                data-testid="customer-form-tags"
                open={false}
                suffixIcon={null}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="ownerId"
              label={t('customers.fields.owner')}
              extra={manager ? undefined : t('customers.form.ownerSelfOnly')}
            >
              <UserSelect
                disabled={!manager}
                currentLabel={base ? base.ownerName : me?.name}
                placeholder={t('customers.publicPool')}
                data-testid="customer-form-owner"
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('customers.form.credit')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label={t('customers.fields.creditLimit')} required={false}>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name={['creditLimit', 'currency']} noStyle>
                  <Select
                    options={options.currencies}
                    style={{ width: 96 }}
                    data-testid="customer-form-currency"
                  />
                </Form.Item>
                <Form.Item
                  name={['creditLimit', 'amount']}
                  noStyle
                  rules={[
                    {
                      validator: (_, value: string | null | undefined) => {
                        const amount = cleanAmount(value);
                        return amount === null || AMOUNT_PATTERN.test(amount)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('customers.form.amountInvalid')));
                      },
                    },
                  ]}
                >
                  <Input placeholder="0.00" inputMode="decimal" data-testid="customer-form-credit-limit" />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="creditRating" label={t('customers.fields.creditRating')}>
              <AutoComplete
                options={['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'C'].map((value) => ({ value }))}
                maxLength={20}
                data-testid="customer-form-credit-rating"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="paymentTerms" label={t('customers.fields.paymentTerms')}>
              <Input maxLength={200} placeholder={t('customers.form.paymentTermsPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('customers.form.keyAccount')}
        </Divider>
        <Row gutter={16}>
          {(['history', 'operatingModel', 'honours', 'achievements'] as const).map((f) => (
            <Col span={12} key={f}>
              <Form.Item name={['keyAccount', f]} label={t(`customers.keyAccount.${f}`)}>
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={5000}
                  data-testid={`customer-form-key-${f}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {customFieldCount ? (
          <>
            <Divider titlePlacement="start" plain>
              {t('customization.values.section')}
            </Divider>
            <Row gutter={16}>
              <CustomFieldInputs entity="customers" />
            </Row>
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
