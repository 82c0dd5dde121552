import { Card, Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder for modules on the roadmap, so the menu shows the whole product. */
export function ComingSoonPage({ module }: { module: string }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Result
        status="info"
        title={
          <>
            {t(`nav.${module}`)} <Tag color="blue">{t('nav.soon')}</Tag>
          </>
        }
        subTitle={t(`comingSoon.${module}`, { defaultValue: t('comingSoon.default') })}
      />
    </Card>
  );
}
