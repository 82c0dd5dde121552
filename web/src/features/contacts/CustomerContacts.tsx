import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { CursorPager, useApiFeedback, useCursorPages } from '../../ui';
import { ContactForm } from './ContactForm';
import { ContactHistoryDrawer } from './ContactHistoryDrawer';
import { ContactsTable } from './ContactsTable';
import { contactsKey, deleteContact, listCustomerContacts, type Contact } from './contacts.api';

type Editing = { mode: 'create' } | { mode: 'edit'; contact: Contact } | null;

/** The 联系人 tab of a customer: its contacts, added and edited in place. */
export function CustomerContacts({ customer }: { customer: { id: string; name: string } }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [q, setQ] = useState<string | undefined>();
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Editing>(null);
  const [historyOf, setHistoryOf] = useState<Contact | null>(null);
  const pages = useCursorPages(JSON.stringify({ q, pageSize, id: customer.id }));

  const contacts = useQuery({
    queryKey: [...contactsKey, 'of', customer.id, q, pages.cursor, pageSize],
    queryFn: () => listCustomerContacts(customer.id, { q, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });

  const remove = useMutation({
    mutationFn: (contact: Contact) => deleteContact(contact.id),
    onSuccess: () => {
      showSuccess(t('common.movedToBin'));
      void queryClient.invalidateQueries({ queryKey: contactsKey });
    },
    onError: (error) => showError(error),
  });

  return (
    <>
      <Flex justify="space-between" gap={12} style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('contacts.searchInCustomer')}
          onSearch={(value) => setQ(value.trim() || undefined)}
          style={{ width: 280 }}
        />
        {can(me, 'contacts', 'create') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ mode: 'create' })}
            data-testid="add-contact"
          >
            {t('contacts.create')}
          </Button>
        ) : null}
      </Flex>
      <ContactsTable
        testId="customer-contacts-table"
        items={contacts.data?.items ?? []}
        loading={contacts.isFetching}
        q={q}
        onEdit={(contact) => setEditing({ mode: 'edit', contact })}
        onHistory={setHistoryOf}
        onDelete={(contact) => remove.mutateAsync(contact)}
      />
      <CursorPager
        total={contacts.data?.total}
        page={pages.page}
        hasPrev={pages.hasPrev}
        nextCursor={contacts.data?.nextCursor}
        onPrev={pages.prev}
        onNext={pages.next}
        pageSize={pageSize}
        onPageSize={setPageSize}
        loading={contacts.isFetching}
      />
      <ContactForm
        open={editing !== null}
        contact={editing?.mode === 'edit' ? editing.contact : undefined}
        customer={customer}
        onClose={() => setEditing(null)}
      />
      <ContactHistoryDrawer contact={historyOf} onClose={() => setHistoryOf(null)} />
    </>
  );
}
