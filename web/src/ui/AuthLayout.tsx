import { CheckCircleFilled } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark, BrandName } from './BrandLogo';

interface Props {
  /** Shown at the top right of the form side (the language switch). */
  toolbar?: ReactNode;
  children: ReactNode;
  width?: number;
}

/** Sign-in and first-run pages: brand panel on the left, the form on the right. */
export function AuthLayout({ toolbar, children, width = 400 }: Props) {
  const { t } = useTranslation();
  const points = [
    t('auth.brand.point1'),
    t('auth.brand.point2'),
    t('auth.brand.point3'),
    t('auth.brand.point4'),
  ];
  return (
    <div style={{ display: 'flex', minHeight: '100vh', background: '#fff' }}>
      <div
        style={{
          flex: '0 0 42%',
          maxWidth: 620,
          minWidth: 360,
          background: 'linear-gradient(160deg, #0b1733 0%, #123072 60%, #1d4ed8 100%)',
          color: '#fff',
          padding: '48px 56px',
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
          position: 'relative',
          overflow: 'hidden',
        }}
        className="gx-auth-brand"
      >
        <Flex align="center" gap={12}>
          <BrandMark size={40} />
          <BrandName color="#fff" size={20} />
        </Flex>
        <div style={{ position: 'relative', zIndex: 1 }}>
          <Typography.Title level={2} style={{ color: '#fff', marginBottom: 12, fontWeight: 600 }}>
            {t('auth.brand.headline')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.75)', fontSize: 15, marginBottom: 32 }}>
            {t('auth.brand.subline')}
          </Typography.Paragraph>
          <Flex vertical gap={14}>
            {points.map((point) => (
              <Flex key={point} gap={10} align="center" style={{ color: 'rgba(255,255,255,0.9)' }}>
                <CheckCircleFilled style={{ color: '#60a5fa' }} />
                <span>{point}</span>
              </Flex>
            ))}
          </Flex>
        </div>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.5)', fontSize: 12 }}>
          © {new Date().getFullYear()} Guanxi · {t('auth.brand.license')}
        </Typography.Text>
        <svg
          viewBox="0 0 400 400"
          width={420}
          height={420}
          style={{ position: 'absolute', right: -140, bottom: -120, opacity: 0.12 }}
          aria-hidden="true"
        >
          <circle cx="150" cy="200" r="110" fill="none" stroke="#fff" strokeWidth="18" />
          <circle cx="250" cy="200" r="110" fill="none" stroke="#fff" strokeWidth="18" />
        </svg>
      </div>
      <div style={{ flex: 1, display: 'flex', flexDirection: 'column', background: '#fff' }}>
        <Flex justify="flex-end" style={{ padding: '16px 24px', minHeight: 64 }}>
          {toolbar}
        </Flex>
        <Flex flex={1} align="center" justify="center" style={{ padding: '0 24px 48px' }}>
          <div style={{ width: '100%', maxWidth: width }}>{children}</div>
        </Flex>
      </div>
    </div>
  );
}
