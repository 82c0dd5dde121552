import { Col, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  useCustomFieldDefs,
  useLocalLabel,
  type CustomFieldDef,
  type CustomFieldEntity,
} from './customization.api';

function FieldInput({ def, testId }: { def: CustomFieldDef; testId: string }) {
  const label = useLocalLabel();
  const options = def.options.map((o) => ({ value: o.key, label: label(o.label) }));
  switch (def.type) {
    case 'number':
      return <InputNumber style={{ width: '100%' }} data-testid={testId} />;
    case 'date':
      // A native date input gives YYYY-MM-DD, the value the API stores.
      return <Input type="date" data-testid={testId} />;
    case 'choice':
      return <Select allowClear options={options} data-testid={testId} />;
    case 'multiChoice':
      return <Select mode="multiple" allowClear options={options} data-testid={testId} />;
    default:
      return <Input maxLength={2000} data-testid={testId} />;
  }
}

/**
 * The administrator's custom fields of an entity as form items under `customFields.<key>`, with
 * required marks; server errors on `customFields.<key>` land on them (see customer-form.ts).
 */
export function CustomFieldInputs({ entity, span = 12 }: { entity: CustomFieldEntity; span?: number }) {
  const { t } = useTranslation();
  const label = useLocalLabel();
  const defs = useCustomFieldDefs(entity).data ?? [];
  return (
    <>
      {defs.map((def) => (
        <Col span={span} key={def.id}>
          <Form.Item
            name={['customFields', def.key]}
            label={label(def.label)}
            rules={def.required ? [{ required: true, message: t('customization.values.required') }] : []}
          >
            <FieldInput def={def} testId={`custom-field-${def.key}`} />
          </Form.Item>
        </Col>
      ))}
    </>
  );
}
