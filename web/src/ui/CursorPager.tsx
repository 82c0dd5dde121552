import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  total: number | string | undefined;
  page: number;
  hasPrev: boolean;
  nextCursor: string | null | undefined;
  onPrev: () => void;
  onNext: (cursor: string) => void;
  pageSize: number;
  onPageSize: (size: number) => void;
  loading?: boolean;
}

export function CursorPager({
  total,
  page,
  hasPrev,
  nextCursor,
  onPrev,
  onNext,
  pageSize,
  onPageSize,
  loading,
}: Props) {
  const { t } = useTranslation();
  return (
    <Flex justify="flex-end" align="center" gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('common.totalPage', { total: total ?? 0, page })}</Typography.Text>
      <Button icon={<LeftOutlined />} disabled={!hasPrev || loading} onClick={onPrev} data-testid="page-prev">
        {t('common.prevPage')}
      </Button>
      <Button
        disabled={!nextCursor || loading}
        onClick={() => nextCursor && onNext(nextCursor)}
        data-testid="page-next"
      >
        {t('common.nextPage')} <RightOutlined />
      </Button>
      <Select
        value={pageSize}
        onChange={onPageSize}
        style={{ width: 110 }}
        options={[20, 50, 100, 200].map((n) => ({ value: n, label: t('common.perPage', { n }) }))}
      />
    </Flex>
  );
}
