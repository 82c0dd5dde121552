// Small renderers shared by the customer list and detail page.
import { EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Highlight } from '../../ui';
import type { Customer, Grade, LifecycleStatus } from './customers.api';
import { isMasked } from './customers.api';
import { GRADE_COLORS, LIFECYCLE_COLORS } from './customer-options';
import { phoneSegments } from './highlight';

export function LifecycleTag({ status }: { status: LifecycleStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={LIFECYCLE_COLORS[status]} variant="outlined" data-testid={`lifecycle-${status}`}>
      {t(`customers.lifecycle.${status}`)}
    </Tag>
  );
}

export function GradeTag({ grade }: { grade: Grade | null }) {
  const { t } = useTranslation();
  if (!grade) return <span style={{ color: '#bfbfbf' }}>—</span>;
  return (
    <Tooltip title={t(`customers.grades.${grade}`)}>
      <Tag color={GRADE_COLORS[grade]} style={{ fontWeight: 600, minWidth: 28, textAlign: 'center' }}>
        {grade}
      </Tag>
    </Tooltip>
  );
}

export function regionText(c: Pick<Customer, 'provinceName' | 'cityName' | 'districtName'>): string {
  const parts = [c.provinceName, c.cityName, c.districtName].filter(Boolean) as string[];
  // 北京市 / 北京市 / 朝阳区: a municipality is its own city.
  const unique = parts.filter((p, i) => p !== parts[i - 1]);
  return unique.length ? unique.join(' ') : '—';
}

/** Phones (or emails), masked ones with an eye to reveal them — the reveal is audited. */
export function ValueList({
  values,
  fragment,
  canReveal,
  revealing,
  onReveal,
  testId,
  vertical,
}: {
  values: string[];
  fragment?: string | null;
  canReveal: boolean;
  revealing?: boolean;
  onReveal: () => void;
  testId?: string;
  vertical?: boolean;
}) {
  const { t } = useTranslation();
  if (!values.length) return <span style={{ color: '#bfbfbf' }}>—</span>;
  const masked = values.some(isMasked);
  return (
    <Flex
      vertical={vertical}
      gap={vertical ? 2 : 8}
      wrap
      align={vertical ? 'flex-start' : 'center'}
      data-testid={testId}
    >
      {values.map((v, i) => (
        <Highlight key={`${v}-${i}`} segments={phoneSegments(v, fragment ?? null)} fallback={v} />
      ))}
      {masked && canReveal ? (
        <Space size={0}>
          <Tooltip title={t('customers.reveal')}>
            <Button
              type="text"
              size="small"
              icon={<EyeOutlined />}
              loading={revealing}
              onClick={onReveal}
              data-testid={testId ? `${testId}-reveal` : undefined}
            />
          </Tooltip>
        </Space>
      ) : null}
    </Flex>
  );
}
