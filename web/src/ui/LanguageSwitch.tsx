import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_LABELS, LANGUAGES, currentLanguage, type Language } from '../i18n';

interface Props {
  onChange: (lng: Language) => void;
  /** Dark header or light page background. */
  tone?: 'light' | 'dark';
}

/** 中文 / English switch; the choice is applied by the caller (and saved for signed-in users). */
export function LanguageSwitch({ onChange, tone = 'light' }: Props) {
  const { i18n } = useTranslation();
  const lng = currentLanguage();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [i18n.language],
        items: LANGUAGES.map((key) => ({
          key,
          label: <span data-testid={`language-option-${key}`}>{LANGUAGE_LABELS[key]}</span>,
        })),
        onClick: ({ key }) => onChange(key as Language),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        data-testid="language-switch"
        style={tone === 'dark' ? { color: 'rgba(255,255,255,0.85)' } : undefined}
      >
        {LANGUAGE_LABELS[lng]}
      </Button>
    </Dropdown>
  );
}
