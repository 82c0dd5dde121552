import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, formatDateTime } from '../../ui';
import { CHANNELS, fetchActivity, interactionsKey } from './interactions.api';

const dash = <span style={{ color: '#bfbfbf' }}>—</span>;
const when = (v: string | null | undefined) => (v ? formatDateTime(v) : dash);

/** 沟通行为: last contact overall and per channel; portal, enquiry and campaign figures come later ("—"). */
export function ActivityPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const activity = useQuery({
    queryKey: [...interactionsKey, 'activity', customerId],
    queryFn: () => fetchActivity(customerId),
  });
  if (activity.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (activity.isError)
    return <Alert type="error" showIcon title={errorMessage(activity.error, t('common.requestFailed'))} />;
  const a = activity.data;
  const count = (v: number | null) => (v === null || v === 0 ? dash : v);
  return (
    <Descriptions
      title={t('interactions.activity.title')}
      bordered
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="customer-activity"
      items={[
        {
          key: 'lastContactAt',
          label: t('interactions.activity.lastContactAt'),
          children: a.lastContactAt ? (
            <>
              {formatDateTime(a.lastContactAt)}
              {a.lastContactChannel ? (
                <Typography.Text type="secondary">
                  {' '}
                  ({t(`interactions.channels.${a.lastContactChannel}`)})
                </Typography.Text>
              ) : null}
            </>
          ) : (
            dash
          ),
        },
        {
          key: 'lastFollowUpAt',
          label: t('interactions.activity.lastFollowUpAt'),
          children: when(a.lastFollowUpAt),
        },
        { key: 'lastDealAt', label: t('interactions.activity.lastDealAt'), children: when(a.lastDealAt) },
        ...CHANNELS.filter((c) => a.lastByChannel[c]).map((c) => ({
          key: `ch-${c}`,
          label: t('interactions.activity.lastBy', { channel: t(`interactions.channels.${c}`) }),
          children: when(a.lastByChannel[c]),
        })),
        {
          key: 'portal',
          label: t('interactions.activity.lastPortalLoginAt'),
          children: when(a.lastPortalLoginAt),
        },
        { key: 'enquiry', label: t('interactions.activity.lastEnquiryAt'), children: when(a.lastEnquiryAt) },
        { key: 'opens', label: t('interactions.activity.emailOpens'), children: count(a.emailOpens) },
        { key: 'clicks', label: t('interactions.activity.emailClicks'), children: count(a.emailClicks) },
        {
          key: 'emailCampaign',
          label: t('interactions.activity.lastEmailCampaignAt'),
          children: when(a.lastEmailCampaignAt),
        },
        {
          key: 'smsCampaign',
          label: t('interactions.activity.lastSmsCampaignAt'),
          children: when(a.lastSmsCampaignAt),
        },
      ]}
    />
  );
}
