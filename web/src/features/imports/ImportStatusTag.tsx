import { SyncOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from './imports.api';

const COLORS: Record<ImportStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
  undoing: 'processing',
  undone: 'warning',
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  const spinning = status === 'running' || status === 'undoing';
  return (
    <Tag
      color={COLORS[status]}
      icon={spinning ? <SyncOutlined spin /> : undefined}
      data-testid="import-status"
    >
      {t(`imports.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}
