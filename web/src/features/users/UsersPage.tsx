import { DownOutlined, EyeOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  Dropdown,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Tooltip,
  TreeSelect,
  Typography,
  type FormInstance,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import {
  CursorPager,
  PageHeader,
  formatDateTime,
  isVersionConflict,
  useApiFeedback,
  useCursorPages,
} from '../../ui';
import { buildDepartmentTree } from '../departments/department-tree';
import { departmentsKey, listDepartments, listTeams, teamsKey } from '../departments/departments.api';
import { listRoles, rolesKey } from '../roles/roles.api';
import { toCreateBody, toUpdateBody, type UserFormValues } from './user-form';
import { USER_FORM_FIELDS, UserForm } from './UserForm';
import { UserHistoryDrawer } from './UserHistoryDrawer';
import {
  createUser,
  deleteUser,
  fetchUser,
  isMasked,
  listUsers,
  revealUserPhone,
  updateUser,
  usersKey,
  type User,
  type UserFilters,
} from './users.api';

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const { modal } = App.useApp();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<UserFilters>(() => ({
    departmentId: params.get('departmentId') ?? undefined,
  }));
  const [search, setSearch] = useState('');
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Editing>(null);
  const [historyOf, setHistoryOf] = useState<User | null>(null);
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const pages = useCursorPages(JSON.stringify({ filters, pageSize }));

  const users = useQuery({
    queryKey: [...usersKey, 'list', filters, pages.cursor, pageSize],
    queryFn: () => listUsers({ ...filters, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  const roles = useQuery({ queryKey: rolesKey, queryFn: listRoles });
  const departments = useQuery({ queryKey: departmentsKey, queryFn: listDepartments });
  const teams = useQuery({ queryKey: [...teamsKey, 'all'], queryFn: () => listTeams() });
  const tree = useMemo(() => buildDepartmentTree(departments.data ?? []), [departments.data]);

  const setFilter = <K extends keyof UserFilters>(key: K, value: UserFilters[K] | null | undefined) =>
    setFilters((old) => ({ ...old, [key]: value ?? undefined }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: usersKey });

  const save = useMutation({
    mutationFn: ({ values }: { values: UserFormValues; form: FormInstance<UserFormValues> }) =>
      editing?.mode === 'edit'
        ? updateUser(editing.user.id, toUpdateBody(editing.user, values))
        : createUser(toCreateBody(values)),
    onSuccess: () => {
      showSuccess(editing?.mode === 'edit' ? t('common.saved') : t('users.created'));
      setEditing(null);
      void refresh();
    },
    onError: (error, { form }) => {
      showError(error, form, USER_FORM_FIELDS);
      void refresh();
      // Reload the record so a second save applies on top of the other person's change.
      if (isVersionConflict(error) && editing?.mode === 'edit') {
        fetchUser(editing.user.id)
          .then((fresh) => setEditing({ mode: 'edit', user: fresh }))
          .catch(() => setEditing(null));
      }
    },
  });

  const setStatus = useMutation({
    mutationFn: (user: User) =>
      updateUser(user.id, {
        version: user.version,
        status: user.status === 'active' ? 'disabled' : 'active',
      }),
    onSuccess: (_saved, user) => {
      showSuccess(user.status === 'active' ? t('users.disabledDone') : t('users.enabledDone'));
      void refresh();
    },
    onError: (error) => {
      showError(error);
      void refresh();
    },
  });

  const remove = useMutation({
    mutationFn: (user: User) => deleteUser(user.id),
    onSuccess: () => {
      showSuccess(t('common.movedToBin'));
      void refresh();
    },
    onError: (error) => showError(error),
  });

  const reveal = useMutation({
    mutationFn: (user: User) => revealUserPhone(user.id),
    onSuccess: (result, user) => setRevealed((old) => ({ ...old, [user.id]: result.value ?? '—' })),
    onError: (error) => showError(error),
  });

  const canCreate = can(me, 'users', 'create');
  const canUpdate = can(me, 'users', 'update');
  const canDelete = can(me, 'users', 'delete');
  const canReveal = can(me, 'users', 'reveal');

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        extra={
          canCreate ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ mode: 'create' })}
              data-testid="create-user"
            >
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(value) => setFilter('q', value.trim() || undefined)}
            style={{ width: 260 }}
            data-testid="users-search"
          />
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            treeData={tree}
            value={filters.departmentId}
            onChange={(value: string | undefined) => setFilter('departmentId', value)}
            placeholder={t('users.filterDepartment')}
            style={{ width: 200 }}
            data-testid="users-filter-department"
          />
          <Select
            allowClear
            value={filters.teamId}
            onChange={(value: string | undefined) => setFilter('teamId', value)}
            placeholder={t('users.filterTeam')}
            style={{ width: 160 }}
            options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          />
          <Select
            allowClear
            value={filters.roleId}
            onChange={(value: string | undefined) => setFilter('roleId', value)}
            placeholder={t('users.filterRole')}
            style={{ width: 160 }}
            options={(roles.data ?? []).map((role) => ({ value: role.id, label: role.name }))}
          />
          <Select
            allowClear
            value={filters.status}
            onChange={(value: UserFilters['status']) => setFilter('status', value)}
            placeholder={t('users.filterStatus')}
            style={{ width: 130 }}
            options={[
              { value: 'active', label: t('users.statusActive') },
              { value: 'disabled', label: t('users.statusDisabled') },
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
        <Table<User>
          rowKey="id"
          data-testid="users-table"
          loading={users.isFetching}
          dataSource={users.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1080 }}
          size="middle"
          columns={[
            {
              title: t('users.name'),
              dataIndex: 'name',
              fixed: 'left',
              width: 220,
              render: (_, user) => (
                <div>
                  <Typography.Text strong>{user.name}</Typography.Text>
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 12, display: 'block', maxWidth: 190 }}
                    ellipsis={{ tooltip: user.email }}
                  >
                    {user.email}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('users.phone'),
              dataIndex: 'phone',
              width: 150,
              render: (phone: string | null, user) => {
                const shown = revealed[user.id] ?? phone;
                if (!shown) return '—';
                return (
                  <Space size={4}>
                    <span>{shown}</span>
                    {canReveal && isMasked(shown) ? (
                      <Tooltip title={t('users.reveal')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<EyeOutlined />}
                          loading={reveal.isPending && reveal.variables?.id === user.id}
                          onClick={() => reveal.mutate(user)}
                          data-testid={`reveal-phone-${user.id}`}
                        />
                      </Tooltip>
                    ) : null}
                  </Space>
                );
              },
            },
            {
              title: t('users.role'),
              dataIndex: 'roleName',
              width: 110,
              render: (name: string | null, user) => name ?? user.roleKey ?? '—',
            },
            {
              title: t('users.departmentTeam'),
              key: 'department',
              width: 190,
              render: (_, user) =>
                user.departmentName || user.teamName ? (
                  <span>
                    {user.departmentName ?? '—'}
                    {user.teamName ? (
                      <Typography.Text type="secondary"> / {user.teamName}</Typography.Text>
                    ) : null}
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: t('users.status'),
              dataIndex: 'status',
              width: 100,
              render: (status: User['status']) =>
                status === 'active' ? (
                  <Badge status="success" text={t('users.statusActive')} />
                ) : (
                  <Badge status="default" text={t('users.statusDisabled')} />
                ),
            },
            { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 150, render: formatDateTime },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right',
              width: 180,
              render: (_, user) => (
                <Space size={0} wrap={false}>
                  {canUpdate ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setEditing({ mode: 'edit', user })}
                      data-testid={`edit-user-${user.email}`}
                    >
                      {t('common.edit')}
                    </Button>
                  ) : null}
                  <Button type="link" size="small" onClick={() => setHistoryOf(user)}>
                    {t('common.history')}
                  </Button>
                  {(canUpdate || canDelete) && user.id !== me?.id ? (
                    <Dropdown
                      trigger={['click']}
                      menu={{
                        items: [
                          ...(canUpdate
                            ? [
                                {
                                  key: 'status',
                                  label: user.status === 'active' ? t('users.disable') : t('users.enable'),
                                },
                              ]
                            : []),
                          ...(canDelete ? [{ key: 'delete', danger: true, label: t('common.delete') }] : []),
                        ],
                        onClick: ({ key }) => {
                          if (key === 'status') {
                            modal.confirm({
                              title:
                                user.status === 'active'
                                  ? t('users.disableConfirm', { name: user.name })
                                  : t('users.enableConfirm', { name: user.name }),
                              onOk: () => setStatus.mutateAsync(user),
                            });
                          }
                          if (key === 'delete') {
                            modal.confirm({
                              title: t('users.deleteConfirm', { name: user.name }),
                              okButtonProps: { danger: true },
                              okText: t('common.delete'),
                              onOk: () => remove.mutateAsync(user),
                            });
                          }
                        },
                      }}
                    >
                      <Button type="link" size="small" data-testid={`more-user-${user.email}`}>
                        {t('common.more')} <DownOutlined />
                      </Button>
                    </Dropdown>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
        <CursorPager
          total={users.data?.total}
          page={pages.page}
          hasPrev={pages.hasPrev}
          nextCursor={users.data?.nextCursor}
          onPrev={pages.prev}
          onNext={pages.next}
          pageSize={pageSize}
          onPageSize={setPageSize}
          loading={users.isFetching}
        />
      </Card>
      <UserForm
        open={editing !== null}
        user={editing?.mode === 'edit' ? editing.user : undefined}
        saving={save.isPending}
        onClose={() => setEditing(null)}
        onSubmit={(values, form) => save.mutate({ values, form })}
      />
      <UserHistoryDrawer user={historyOf} onClose={() => setHistoryOf(null)} />
    </>
  );
}
