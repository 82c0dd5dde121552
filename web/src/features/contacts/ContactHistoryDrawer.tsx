import { useQuery } from '@tanstack/react-query';
import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import { HistoryTimeline } from '../../ui';
import { contactsKey, fetchContactHistory, type Contact } from './contacts.api';

export function ContactHistoryDrawer({ contact, onClose }: { contact: Contact | null; onClose: () => void }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: [...contactsKey, 'history', contact?.id],
    queryFn: () => fetchContactHistory(contact?.id ?? ''),
    enabled: contact !== null,
  });
  return (
    <Drawer
      open={contact !== null}
      onClose={onClose}
      size={640}
      title={t('contacts.historyOf', { name: contact?.name ?? '' })}
      destroyOnHidden
    >
      <HistoryTimeline
        items={history.data?.items}
        loading={history.isPending}
        error={history.error}
        entity="contacts"
      />
    </Drawer>
  );
}
