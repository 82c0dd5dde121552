import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Tooltip, Typography } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ChoosableColumn {
  key: string;
  title: ReactNode;
  /** Always shown (the record's name, its actions). */
  fixed?: boolean;
}

/**
 * The visible columns of a table, remembered on this device. Keys the code no longer has are
 * dropped; new columns start hidden unless they are among the defaults.
 */
export function useStoredColumns(storageKey: string, all: string[], defaults: string[]) {
  const [visible, setVisibleState] = useState<string[]>(() => {
    try {
      const raw = window.localStorage.getItem(storageKey);
      const stored = raw ? (JSON.parse(raw) as unknown) : null;
      if (Array.isArray(stored))
        return stored.filter((k): k is string => typeof k === 'string' && all.includes(k));
    } catch {
      // Unreadable or unavailable storage: use the defaults.
    }
    return defaults;
  });
  const setVisible = useCallback(
    (next: string[]) => {
      setVisibleState(next);
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // Not remembered; still applies now.
      }
    },
    [storageKey],
  );
  return { visible, setVisible, reset: () => setVisible(defaults) };
}

export function ColumnChooser({
  columns,
  visible,
  onChange,
  onReset,
}: {
  columns: ChoosableColumn[];
  visible: string[];
  onChange: (visible: string[]) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const choosable = columns.filter((c) => !c.fixed);
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={
        <Flex justify="space-between" align="center" gap={24}>
          <span>{t('common.columns')}</span>
          <Button type="link" size="small" onClick={onReset} style={{ padding: 0 }}>
            {t('common.reset')}
          </Button>
        </Flex>
      }
      content={
        <Flex vertical gap={6} style={{ minWidth: 180, maxHeight: 360, overflow: 'auto' }}>
          {choosable.map((c) => (
            <Checkbox
              key={c.key}
              checked={visible.includes(c.key)}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? columns.map((x) => x.key).filter((k) => k === c.key || visible.includes(k))
                    : visible.filter((k) => k !== c.key),
                )
              }
              data-testid={`column-toggle-${c.key}`}
            >
              {c.title}
            </Checkbox>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginTop: 4 }}>
            {t('common.columnsHint')}
          </Typography.Text>
        </Flex>
      }
    >
      <Tooltip title={t('common.columns')}>
        <Button icon={<SettingOutlined />} data-testid="column-chooser" />
      </Tooltip>
    </Popover>
  );
}
