import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A secret shown once: copyable, with a warning that it will not be shown again. */
export function SecretBox({ value, testId }: { value: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Alert type="warning" showIcon title={t('common.secretOnce')} style={{ marginBottom: 12 }} />
      <div
        style={{
          background: '#0f172a',
          borderRadius: 6,
          padding: '12px 14px',
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        }}
      >
        <Typography.Text
          copyable={{ text: value }}
          style={{ color: '#e2e8f0', wordBreak: 'break-all' }}
          data-testid={testId}
        >
          {value}
        </Typography.Text>
      </div>
    </div>
  );
}
