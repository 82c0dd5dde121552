import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  name: string;
  label: string;
  kind: 'phone' | 'email';
  addLabel: string;
  placeholder?: string;
  /** Each input gets `${testId}-${index}`, the add button `${testId}-add`. */
  testId: string;
  /** Read-only, with the reason underneath (masked values must not be edited blind). */
  disabledReason?: string;
}

/**
 * Phones or emails as a list of inputs. Each input is its own form field, so a server error on
 * `phones[1]` shows under the second number.
 */
export function ValueListField({ name, label, kind, addLabel, placeholder, testId, disabledReason }: Props) {
  const disabled = !!disabledReason;
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Form.Item label={label} style={{ marginBottom: disabled ? 16 : 0 }} extra={disabledReason}>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item
                name={field.name}
                style={{ flex: 1, marginBottom: 8 }}
                rules={kind === 'email' ? [{ type: 'email', message: t('validation.email') }] : undefined}
              >
                <Input
                  maxLength={kind === 'email' ? 254 : 40}
                  placeholder={placeholder}
                  inputMode={kind === 'email' ? 'email' : 'tel'}
                  disabled={disabled}
                  data-testid={`${testId}-${index}`}
                />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                onClick={() => remove(field.name)}
                disabled={disabled || fields.length === 1}
                aria-label={t('common.delete')}
              />
            </Flex>
          ))}
          {disabled ? null : (
            <Button
              type="dashed"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add('')}
              style={{ marginBottom: 16 }}
              data-testid={`${testId}-add`}
            >
              {addLabel}
            </Button>
          )}
        </Form.Item>
      )}
    </Form.List>
  );
}
