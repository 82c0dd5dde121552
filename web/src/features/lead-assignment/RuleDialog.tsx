import { useQuery } from '@tanstack/react-query';
import { Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTRIES } from '../customers/customer-options';
import { useSalesDictionaries } from '../opportunities/opportunity-labels';
import {
  RULE_KINDS,
  activeUsers,
  allTeams,
  provinceOptions,
  ruleInput,
  type LeadRule,
  type RuleInput,
  type RuleKind,
  type RuleMatch,
} from './lead-assignment.api';

export interface RuleFormValues {
  name: string;
  kind: RuleKind;
  match: RuleMatch;
  rotation: 'users' | 'team';
  assigneeIds: string[];
  teamId: string | null;
  active: boolean;
}

const LANGUAGES = ['zh', 'en', 'es', 'ru', 'ar', 'fr', 'de', 'pt', 'ja', 'ko', 'it', 'tr', 'vi', 'th', 'id'];

/** Which match fields each kind shows; a round-robin rule may restrict on anything. */
const KIND_FIELDS: Record<RuleKind, (keyof RuleMatch)[]> = {
  roundRobin: ['countries', 'channels'],
  region: ['countries', 'provinces'],
  productLine: ['productLines'],
  language: ['languages'],
  channel: ['channels', 'campaigns'],
};

function toValues(rule: LeadRule | null): RuleFormValues {
  return {
    name: rule?.name ?? '',
    kind: rule?.kind ?? 'roundRobin',
    match: rule?.match ?? {},
    rotation: rule?.teamId ? 'team' : 'users',
    assigneeIds: rule?.assigneeIds ?? [],
    teamId: rule?.teamId ?? null,
    active: rule?.active ?? true,
  };
}

/** Server field paths ("match.countries[1]", "assigneeIds[0]") → this form's fields. */
export function ruleFieldTarget(path: (string | number)[]): (string | number)[] | null {
  const [head, second] = path;
  if (head === 'match' && typeof second === 'string') return ['match', second];
  if (head === 'assigneeIds' || head === 'teamId' || head === 'name' || head === 'kind') return [head];
  return null;
}

interface Props {
  open: boolean;
  rule: LeadRule | null;
  saving: boolean;
  onCancel(): void;
  onSubmit(input: RuleInput, form: ReturnType<typeof Form.useForm<RuleFormValues>>[0]): void;
}

/** Adds or edits one assignment rule: its kind, what it matches, who takes the leads in turn. */
export function RuleDialog({ open, rule, saving, onCancel, onSubmit }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<RuleFormValues>();
  const kind = Form.useWatch('kind', form) ?? 'roundRobin';
  const rotation = Form.useWatch('rotation', form) ?? 'users';
  const dictionaries = useSalesDictionaries();
  const users = useQuery({ queryKey: ['lead-assignment', 'users'], queryFn: activeUsers, enabled: open });
  const teams = useQuery({ queryKey: ['lead-assignment', 'teams'], queryFn: allTeams, enabled: open });
  const provinces = useQuery({
    queryKey: ['lead-assignment', 'provinces'],
    queryFn: provinceOptions,
    enabled: open && KIND_FIELDS[kind].includes('provinces'),
    staleTime: Infinity,
  });

  useEffect(() => {
    if (open) form.setFieldsValue(toValues(rule));
  }, [open, rule, form]);

  const countryOptions = useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([i18n.language], { type: 'region' });
    } catch {
      names = null;
    }
    return COUNTRIES.map((code) => ({ value: code, label: `${names?.of(code) ?? code} (${code})` }));
  }, [i18n.language]);

  const matchField = (key: keyof RuleMatch) => {
    const common = { mode: 'multiple' as const, allowClear: true, 'data-testid': `rule-match-${key}` };
    const input = {
      countries: <Select {...common} mode="tags" options={countryOptions} optionFilterProp="label" />,
      provinces: (
        <Select
          {...common}
          options={provinces.data ?? []}
          loading={provinces.isFetching}
          optionFilterProp="label"
        />
      ),
      productLines: (
        <Select {...common} options={dictionaries.options('productLine')} optionFilterProp="label" />
      ),
      languages: (
        <Select
          {...common}
          mode="tags"
          options={LANGUAGES.map((l) => ({
            value: l,
            label: `${t(`leadAssignment.languages.${l}`)} (${l})`,
          }))}
          optionFilterProp="label"
        />
      ),
      channels: <Select {...common} options={dictionaries.options('leadChannel')} optionFilterProp="label" />,
      campaigns: <Select {...common} mode="tags" open={false} suffixIcon={null} />,
    }[key];
    return (
      <Form.Item key={key} name={['match', key]} label={t(`leadAssignment.match.${key}`)}>
        {input}
      </Form.Item>
    );
  };

  return (
    <Modal
      open={open}
      title={rule ? t('leadAssignment.rules.edit') : t('leadAssignment.rules.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      <Form<RuleFormValues>
        form={form}
        layout="vertical"
        initialValues={toValues(rule)}
        onFinish={(values) => onSubmit(ruleInput(values), form)}
        data-testid="lead-rule-form"
      >
        <Form.Item
          name="name"
          label={t('leadAssignment.rules.name')}
          rules={[{ required: true, whitespace: true, message: t('leadAssignment.required') }]}
        >
          <Input maxLength={100} data-testid="rule-name" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('leadAssignment.rules.kind')}
          extra={t(`leadAssignment.kindHints.${kind}`)}
        >
          <Select
            data-testid="rule-kind"
            options={RULE_KINDS.map((k) => ({ value: k, label: t(`leadAssignment.kinds.${k}`) }))}
          />
        </Form.Item>
        {KIND_FIELDS[kind].map(matchField)}
        <Form.Item name="rotation" label={t('leadAssignment.rules.rotation')}>
          <Radio.Group
            options={[
              { value: 'users', label: t('leadAssignment.rules.rotationUsers') },
              { value: 'team', label: t('leadAssignment.rules.rotationTeam') },
            ]}
          />
        </Form.Item>
        {rotation === 'users' ? (
          <Form.Item
            name="assigneeIds"
            label={t('leadAssignment.rules.assignees')}
            extra={t('leadAssignment.rules.assigneesHint')}
            rules={[{ required: true, message: t('leadAssignment.required') }]}
          >
            <Select
              mode="multiple"
              loading={users.isFetching}
              optionFilterProp="label"
              data-testid="rule-assignees"
              options={(users.data ?? []).map((u) => ({
                value: u.id,
                label: u.teamName ? `${u.name} · ${u.teamName}` : u.name,
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="teamId"
            label={t('leadAssignment.rules.team')}
            extra={t('leadAssignment.rules.teamHint')}
            rules={[{ required: true, message: t('leadAssignment.required') }]}
          >
            <Select
              loading={teams.isFetching}
              optionFilterProp="label"
              showSearch
              data-testid="rule-team"
              options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="active" label={t('leadAssignment.rules.active')} valuePropName="checked">
          <Switch data-testid="rule-active" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
