import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Flex, Row, Spin, Tag, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { can, meKey, useMe } from '../../app/session';
import { PageHeader, useApiFeedback } from '../../ui';
import { accessChanged } from './permission-matrix';
import { RoleEditor, type RoleBasics, type RoleDraft } from './RoleEditor';
import {
  catalogKey,
  createRole,
  deleteRole,
  fetchCatalog,
  listRoles,
  rolesKey,
  updateRole,
  type Role,
  type RoleInput,
} from './roles.api';

const ROLE_FIELDS = ['key', 'name', 'description'];

export function RolesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const roles = useQuery({ queryKey: rolesKey, queryFn: listRoles });
  const catalog = useQuery({ queryKey: catalogKey, queryFn: fetchCatalog, staleTime: Infinity });
  const [selection, setSelection] = useState<
    { id: string } | { template: RoleDraft['template'] | null } | null
  >(null);
  // Remounts the editor so its local state starts from the chosen role.
  const [editorKey, setEditorKey] = useState(0);

  const list = roles.data ?? [];
  const selectedRole: Role | undefined =
    selection && 'id' in selection
      ? list.find((r) => r.id === selection.id)
      : selection === null
        ? list[0]
        : undefined;
  const draft: RoleDraft | null = selectedRole
    ? { role: selectedRole }
    : selection && 'template' in selection
      ? { template: selection.template ?? undefined }
      : null;

  const select = (next: typeof selection) => {
    setSelection(next);
    setEditorKey((k) => k + 1);
  };

  const save = useMutation({
    mutationFn: ({ input }: { input: RoleInput; form: FormInstance<RoleBasics>; signsMeOut: boolean }) =>
      selectedRole
        ? updateRole(selectedRole.id, {
            version: selectedRole.version,
            name: input.name,
            description: input.description,
            permissions: input.permissions,
            dataScope: input.dataScope,
            fieldRules: input.fieldRules,
          })
        : createRole({ ...input, key: input.key ?? '' }),
    onSuccess: async (saved, { signsMeOut }) => {
      if (signsMeOut) {
        // The server has ended this session along with every other of the role's users.
        queryClient.clear();
        void message.info(t('roles.savedSignIn'));
        navigate('/login?expired=1', { replace: true });
        return;
      }
      showSuccess();
      await queryClient.invalidateQueries({ queryKey: rolesKey });
      // The signed-in user's own permissions may have changed.
      void queryClient.invalidateQueries({ queryKey: meKey });
      if (saved?.id) select({ id: saved.id });
    },
    onError: (error, { form }) => {
      showError(error, form, ROLE_FIELDS);
      void queryClient.invalidateQueries({ queryKey: rolesKey });
    },
  });

  const remove = useMutation({
    mutationFn: (id: string) => deleteRole(id),
    onSuccess: () => {
      showSuccess(t('common.movedToBin'));
      select(null);
      void queryClient.invalidateQueries({ queryKey: rolesKey });
    },
    onError: (error) => showError(error),
  });

  const canCreate = can(me, 'roles', 'create');

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        description={t('roles.description')}
        extra={
          canCreate ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => select({ template: null })}
              data-testid="create-role"
            >
              {t('roles.create')}
            </Button>
          ) : null
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={7} xl={6}>
          <Card title={t('roles.list')} loading={roles.isPending} styles={{ body: { padding: 8 } }}>
            <Flex vertical gap={4} data-testid="roles-list">
              {list.map((role) => {
                const active = selectedRole?.id === role.id;
                return (
                  <div
                    key={role.id}
                    role="button"
                    tabIndex={0}
                    onClick={() => select({ id: role.id })}
                    onKeyDown={(e) => (e.key === 'Enter' ? select({ id: role.id }) : undefined)}
                    data-testid={`role-item-${role.key}`}
                    style={{
                      padding: '10px 12px',
                      borderRadius: 6,
                      cursor: 'pointer',
                      background: active ? '#eef3ff' : undefined,
                      borderInlineStart: `3px solid ${active ? '#1d4ed8' : 'transparent'}`,
                    }}
                  >
                    <Flex justify="space-between" align="center" gap={8}>
                      <span>
                        <SafetyCertificateOutlined
                          style={{ color: active ? '#1d4ed8' : '#8c8c8c', marginInlineEnd: 8 }}
                        />
                        <Typography.Text strong={active}>{role.name}</Typography.Text>
                      </span>
                      {role.builtin ? <Tag variant="filled">{t('roles.builtin')}</Tag> : null}
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 22 }}>
                      {role.key} · {t(`roles.scopes.${role.dataScope}`, { defaultValue: role.dataScope })}
                    </Typography.Text>
                  </div>
                );
              })}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={17} xl={18}>
          {catalog.isPending || roles.isPending ? (
            <Card>
              <Spin />
            </Card>
          ) : draft && catalog.data ? (
            <RoleEditor
              key={`${editorKey}-${selectedRole?.id ?? 'new'}-${selectedRole?.version ?? 0}`}
              draft={draft}
              catalog={catalog.data}
              canSave={selectedRole ? can(me, 'roles', 'update') : canCreate}
              canDelete={can(me, 'roles', 'delete')}
              saving={save.isPending}
              deleting={remove.isPending}
              onSave={(input, form) => {
                const signsMeOut =
                  !!selectedRole &&
                  !!me?.roles.includes(selectedRole.key) &&
                  accessChanged(selectedRole, input);
                if (!signsMeOut) return save.mutate({ input, form, signsMeOut });
                modal.confirm({
                  title: t('roles.ownRoleTitle'),
                  content: t('roles.ownRoleWarning'),
                  onOk: () => save.mutate({ input, form, signsMeOut }),
                });
              }}
              onDelete={() => selectedRole && remove.mutate(selectedRole.id)}
              onCopy={(template) =>
                select({ template: { ...template, name: t('roles.copyOf', { name: template.name ?? '' }) } })
              }
            />
          ) : (
            <Card>
              <Empty description={t('roles.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
