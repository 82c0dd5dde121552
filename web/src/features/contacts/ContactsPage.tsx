import { ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { CursorPager, PageHeader, useApiFeedback, useCursorPages } from '../../ui';
import { useCustomFieldDefs } from '../customization';
import { ExportButton } from '../exports';
import { ContactForm } from './ContactForm';
import { ContactHistoryDrawer } from './ContactHistoryDrawer';
import { ContactsTable } from './ContactsTable';
import {
  contactsKey,
  DECISION_ROLES,
  deleteContact,
  listContacts,
  type Contact,
  type ContactFilters,
} from './contacts.api';

/** The columns the contacts table shows, in its order: what an export of the list writes. */
const CONTACT_EXPORT_COLUMNS = [
  'customerName',
  'title',
  'decisionRole',
  'phones',
  'emails',
  'wechatId',
  'birthday',
];

type Editing = { mode: 'create' } | { mode: 'edit'; contact: Contact } | null;

/** 联系人: every contact the user may see, across customers. */
export function ContactsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [filters, setFilters] = useState<ContactFilters>({});
  const [search, setSearch] = useState('');
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Editing>(null);
  const [historyOf, setHistoryOf] = useState<Contact | null>(null);
  const pages = useCursorPages(JSON.stringify({ filters, pageSize }));
  const cfDefs = useCustomFieldDefs('contacts').data ?? [];

  const contacts = useQuery({
    queryKey: [...contactsKey, 'list', filters, pages.cursor, pageSize],
    queryFn: () => listContacts({ ...filters, cursor: pages.cursor, limit: pageSize }),
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
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.description')}
        extra={
          <>
            {can(me, 'contacts', 'export') ? (
              <ExportButton
                entity="contacts"
                query={{ ...filters }}
                columns={[...CONTACT_EXPORT_COLUMNS, ...cfDefs.map((d) => `cf.${d.key}`)]}
              />
            ) : null}
            {can(me, 'contacts', 'create') ? (
              <>
                {can(me, 'imports', 'create') ? (
                  <Button
                    icon={<ImportOutlined />}
                    onClick={() => navigate('/imports/new?entity=contacts')}
                    data-testid="import-contacts"
                  >
                    {t('imports.importButton')}
                  </Button>
                ) : null}
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing({ mode: 'create' })}
                  data-testid="create-contact"
                >
                  {t('contacts.create')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            enterButton
            placeholder={t('contacts.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) setFilters((old) => ({ ...old, q: undefined }));
            }}
            onSearch={(value) => setFilters((old) => ({ ...old, q: value.trim() || undefined }))}
            style={{ width: 340 }}
            data-testid="contacts-search"
          />
          <Select
            allowClear
            value={filters.decisionRole}
            onChange={(decisionRole: ContactFilters['decisionRole']) =>
              setFilters((old) => ({ ...old, decisionRole }))
            }
            placeholder={t('contacts.filterRole')}
            style={{ width: 150 }}
            options={DECISION_ROLES.map((value) => ({ value, label: t(`contacts.roles.${value}`) }))}
          />
          <Select
            allowClear
            value={filters.isKeyPerson === undefined ? undefined : String(filters.isKeyPerson)}
            onChange={(v: string | undefined) =>
              setFilters((old) => ({ ...old, isKeyPerson: v === undefined ? undefined : v === 'true' }))
            }
            placeholder={t('contacts.filterKeyPerson')}
            style={{ width: 150 }}
            options={[
              { value: 'true', label: t('contacts.keyPersonOnly') },
              { value: 'false', label: t('contacts.notKeyPerson') },
            ]}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setSearch('');
              setFilters({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
        <ContactsTable
          testId="contacts-table"
          showCustomer
          items={contacts.data?.items ?? []}
          loading={contacts.isFetching}
          q={filters.q}
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
      </Card>
      <ContactForm
        open={editing !== null}
        contact={editing?.mode === 'edit' ? editing.contact : undefined}
        onClose={() => setEditing(null)}
      />
      <ContactHistoryDrawer contact={historyOf} onClose={() => setHistoryOf(null)} />
    </>
  );
}
