import { Alert, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useDictionaries } from '../customization';
import { useTranslation } from 'react-i18next';
import type { ImportEntityInfo, ImportMode } from './imports.api';

export const MODES: ImportMode[] = ['create', 'skip-duplicates', 'upsert'];

interface Props {
  info: ImportEntityInfo;
  mode: ImportMode;
  onMode: (mode: ImportMode) => void;
  upsertKey: string | undefined;
  onKey: (key: string | undefined) => void;
  tags: string[];
  onTags: (tags: string[]) => void;
  /** Failing and duplicate rows seen in the preview (first rows only). */
  tally: { errors: number; duplicates: number };
  /** Leads only: the fair's channel and campaign for rows that name none. */
  defaults?: { channel?: string; campaign?: string };
  onDefaults?: (defaults: { channel?: string; campaign?: string }) => void;
}

/** Step 5: what to do with duplicates, the upsert key, and tags for every imported record. */
export function ModeStep({
  info,
  mode,
  onMode,
  upsertKey,
  onKey,
  tags,
  onTags,
  tally,
  defaults,
  onDefaults,
}: Props) {
  const { t } = useTranslation();
  const dict = useDictionaries();
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Form.Item label={t('imports.mode.label')}>
        <Radio.Group value={mode} onChange={(e) => onMode(e.target.value as ImportMode)}>
          <Space orientation="vertical">
            {MODES.map((m) => (
              <Radio key={m} value={m} data-testid={`import-mode-${m}`}>
                <Typography.Text strong>{t(`imports.modes.${m}`)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{t(`imports.mode.help.${m}`)}</Typography.Text>
                </div>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      {mode === 'upsert' ? (
        <Form.Item
          label={t('imports.mode.key')}
          required
          validateStatus={upsertKey ? undefined : 'error'}
          help={upsertKey ? t('imports.mode.keyHelp') : t('imports.mode.keyRequired')}
        >
          <Select
            value={upsertKey}
            onChange={onKey}
            style={{ width: 240 }}
            placeholder={t('imports.mode.keyPlaceholder')}
            options={info.keys.map((k) => ({ value: k.key, label: k.label }))}
            data-testid="import-key"
          />
        </Form.Item>
      ) : null}
      <Form.Item label={t('imports.mode.tags')} extra={t('imports.mode.tagsHelp')}>
        <Select
          mode="tags"
          value={tags}
          onChange={onTags}
          tokenSeparators={[',', '，']}
          open={false}
          style={{ width: 400 }}
          placeholder={t('imports.mode.tagsPlaceholder')}
          data-testid="import-tags"
        />
      </Form.Item>
      {info.entity === 'leads' && onDefaults ? (
        <Space wrap>
          <Form.Item label={t('leads.fields.channel')}>
            <Select
              allowClear
              style={{ width: 200 }}
              value={defaults?.channel}
              onChange={(channel: string | undefined) => onDefaults({ ...defaults, channel })}
              options={dict.options('leadChannel')}
              data-testid="import-lead-channel"
            />
          </Form.Item>
          <Form.Item label={t('leads.fields.campaign')}>
            <Input
              style={{ width: 260 }}
              value={defaults?.campaign}
              onChange={(e) => onDefaults({ ...defaults, campaign: e.target.value || undefined })}
              placeholder={t('leads.form.campaignHint')}
              data-testid="import-lead-campaign"
            />
          </Form.Item>
        </Space>
      ) : null}
      {tally.errors || tally.duplicates ? (
        <Alert
          type="info"
          showIcon
          title={t('imports.mode.previewNote', { errors: tally.errors, duplicates: tally.duplicates })}
        />
      ) : null}
    </Form>
  );
}
