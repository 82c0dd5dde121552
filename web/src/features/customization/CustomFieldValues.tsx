import { Descriptions, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  useCustomFieldDefs,
  useLocalLabel,
  type CustomFieldDef,
  type CustomFieldEntity,
} from './customization.api';

export function customFieldText(
  def: CustomFieldDef,
  value: unknown,
  label: (l: CustomFieldDef['label']) => string,
): string {
  if (value === undefined || value === null || value === '') return '—';
  const option = (k: unknown) => {
    const o = def.options.find((x) => x.key === k);
    return o ? label(o.label) : String(k);
  };
  if (def.type === 'choice') return option(value);
  if (def.type === 'multiChoice' && Array.isArray(value)) return value.map(option).join('、');
  return String(value);
}

/** A record's custom field values, read-only, in the order the administrator set. */
export function CustomFieldValues({
  entity,
  values,
  section = false,
}: {
  entity: CustomFieldEntity;
  values: Record<string, unknown> | undefined;
  /** Shown as a section: titled, and absent when the entity has no custom fields. */
  section?: boolean;
}) {
  const { t } = useTranslation();
  const label = useLocalLabel();
  const defs = useCustomFieldDefs(entity).data ?? [];
  if (!defs.length && section) return null;
  if (!defs.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customization.values.none')} />;
  return (
    <Descriptions
      title={section ? t('customization.values.section') : undefined}
      size="small"
      column={section ? { xs: 1, md: 2, xl: 4 } : 2}
      data-testid="custom-field-values"
      items={defs.map((d) => ({
        key: d.key,
        label: label(d.label),
        children: customFieldText(d, values?.[d.key], label),
      }))}
    />
  );
}
