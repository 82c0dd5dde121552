import {
  ApartmentOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Popconfirm,
  Row,
  Space,
  Table,
  Tree,
  Typography,
  type FormInstance,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { PageHeader, formatDateTime, isVersionConflict, useApiFeedback } from '../../ui';
import { listUsers, usersKey } from '../users/users.api';
import { DepartmentForm, type DepartmentFormValues } from './DepartmentForm';
import { buildDepartmentTree, departmentPathLabel, type DepartmentNode } from './department-tree';
import {
  createDepartment,
  createTeam,
  deleteDepartment,
  deleteTeam,
  departmentsKey,
  listDepartments,
  listTeams,
  teamsKey,
  updateDepartment,
  updateTeam,
  type Department,
  type Team,
} from './departments.api';
import { TeamForm, type TeamFormValues } from './TeamForm';

type DeptDialog =
  { mode: 'create'; parentId: string | null } | { mode: 'edit'; department: Department } | null;
type TeamDialog = { mode: 'create' } | { mode: 'edit'; team: Team } | null;

function filterTree(nodes: DepartmentNode<Department>[], text: string): DepartmentNode<Department>[] {
  if (!text) return nodes;
  return nodes.flatMap((n) => {
    const children = filterTree(n.children, text);
    return n.title.toLowerCase().includes(text.toLowerCase()) || children.length ? [{ ...n, children }] : [];
  });
}

export function DepartmentsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [deptDialog, setDeptDialog] = useState<DeptDialog>(null);
  const [teamDialog, setTeamDialog] = useState<TeamDialog>(null);

  const departments = useQuery({ queryKey: departmentsKey, queryFn: listDepartments });
  const all = useMemo(() => departments.data ?? [], [departments.data]);
  const tree = useMemo(() => buildDepartmentTree(all), [all]);
  const selected = all.find((d) => d.id === selectedId) ?? null;

  const teams = useQuery({
    queryKey: [...teamsKey, { departmentId: selectedId }],
    queryFn: () => listTeams(selectedId ?? undefined),
    enabled: selectedId !== null,
  });
  const members = useQuery({
    queryKey: [...usersKey, 'department', selectedId],
    queryFn: () => listUsers({ departmentId: selectedId ?? undefined, limit: 200 }),
    enabled: selectedId !== null && can(me, 'users', 'read'),
  });
  const userName = (id: string | null) =>
    id ? (members.data?.items.find((u) => u.id === id)?.name ?? '—') : '—';

  const refreshDepartments = () => queryClient.invalidateQueries({ queryKey: departmentsKey });
  const refreshTeams = () => queryClient.invalidateQueries({ queryKey: teamsKey });

  const saveDepartment = useMutation({
    mutationFn: async ({
      values,
    }: {
      values: DepartmentFormValues;
      form: FormInstance<DepartmentFormValues>;
    }) => {
      const body = {
        name: values.name.trim(),
        parentId: values.parentId ?? null,
        managerId: values.managerId ?? null,
      };
      if (deptDialog?.mode === 'edit')
        return updateDepartment(deptDialog.department.id, {
          version: deptDialog.department.version,
          ...body,
        });
      return createDepartment(body);
    },
    onSuccess: (saved) => {
      showSuccess();
      setDeptDialog(null);
      if (saved?.id) setSelectedId(saved.id);
      void refreshDepartments();
    },
    onError: (error, { form }) => {
      showError(error, form, ['name', 'parentId', 'managerId']);
      if (isVersionConflict(error)) {
        setDeptDialog(null);
        void refreshDepartments();
      }
    },
  });

  const removeDepartment = useMutation({
    mutationFn: (id: string) => deleteDepartment(id),
    onSuccess: () => {
      showSuccess(t('common.movedToBin'));
      setSelectedId(null);
      void refreshDepartments();
    },
    onError: (error) => showError(error),
  });

  const saveTeam = useMutation({
    mutationFn: async ({ values }: { values: TeamFormValues; form: FormInstance<TeamFormValues> }) => {
      const body = {
        name: values.name.trim(),
        departmentId: values.departmentId ?? null,
        leaderId: values.leaderId ?? null,
      };
      if (teamDialog?.mode === 'edit')
        return updateTeam(teamDialog.team.id, { version: teamDialog.team.version, ...body });
      return createTeam(body);
    },
    onSuccess: () => {
      showSuccess();
      setTeamDialog(null);
      void refreshTeams();
    },
    onError: (error, { form }) => {
      showError(error, form, ['name', 'departmentId', 'leaderId']);
      if (isVersionConflict(error)) {
        setTeamDialog(null);
        void refreshTeams();
      }
    },
  });

  const removeTeam = useMutation({
    mutationFn: (id: string) => deleteTeam(id),
    onSuccess: () => {
      showSuccess(t('common.movedToBin'));
      void refreshTeams();
    },
    onError: (error) => showError(error),
  });

  const canCreate = can(me, 'departments', 'create');
  const canUpdate = can(me, 'departments', 'update');
  const canDelete = can(me, 'departments', 'delete');
  const visibleTree = filterTree(tree, search.trim());

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        description={t('departments.description')}
        extra={
          canCreate ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDeptDialog({ mode: 'create', parentId: null })}
              data-testid="create-department"
            >
              {t('departments.createTop')}
            </Button>
          ) : null
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={9} xl={8}>
          <Card
            title={
              <>
                <ApartmentOutlined /> {t('departments.structure')}
              </>
            }
            loading={departments.isPending}
            styles={{ body: { minHeight: 420 } }}
          >
            <Input.Search
              allowClear
              placeholder={t('departments.search')}
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {all.length === 0 ? (
              <Empty description={t('departments.empty')} />
            ) : (
              <Tree<DepartmentNode<Department>>
                blockNode
                showLine
                defaultExpandAll
                key={`${all.length}-${search}`}
                treeData={visibleTree}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => setSelectedId((keys[0] as string | undefined) ?? null)}
                titleRender={(node) => (
                  <span data-testid={`department-node-${node.title}`}>{node.title}</span>
                )}
                data-testid="department-tree"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          {selected ? (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card
                title={selected.name}
                extra={
                  <Space>
                    {canCreate ? (
                      <Button
                        icon={<PlusOutlined />}
                        onClick={() => setDeptDialog({ mode: 'create', parentId: selected.id })}
                        data-testid="create-sub-department"
                      >
                        {t('departments.createChild')}
                      </Button>
                    ) : null}
                    {canUpdate ? (
                      <Button
                        icon={<EditOutlined />}
                        onClick={() => setDeptDialog({ mode: 'edit', department: selected })}
                        data-testid="edit-department"
                      >
                        {t('departments.editMove')}
                      </Button>
                    ) : null}
                    {canDelete ? (
                      <Popconfirm
                        title={t('departments.deleteConfirm', { name: selected.name })}
                        onConfirm={() => removeDepartment.mutate(selected.id)}
                      >
                        <Button danger icon={<DeleteOutlined />} loading={removeDepartment.isPending}>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    ) : null}
                  </Space>
                }
              >
                <Descriptions
                  column={{ xs: 1, md: 2 }}
                  items={[
                    {
                      key: 'path',
                      label: t('departments.path'),
                      children: departmentPathLabel(all, selected.id),
                    },
                    {
                      key: 'manager',
                      label: t('departments.manager'),
                      children: selected.managerName ?? userName(selected.managerId),
                    },
                    {
                      key: 'members',
                      label: t('departments.members'),
                      children: (
                        <Typography.Link onClick={() => navigate(`/admin/users?departmentId=${selected.id}`)}>
                          <UserOutlined /> {members.data?.total ?? '—'}
                        </Typography.Link>
                      ),
                    },
                    {
                      key: 'updated',
                      label: t('common.updatedAt'),
                      children: formatDateTime(selected.updatedAt),
                    },
                  ]}
                />
              </Card>
              <Card
                title={
                  <>
                    <TeamOutlined /> {t('teams.title')}
                  </>
                }
                extra={
                  can(me, 'teams', 'create') ? (
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => setTeamDialog({ mode: 'create' })}
                      data-testid="create-team"
                    >
                      {t('teams.create')}
                    </Button>
                  ) : null
                }
              >
                <Table<Team>
                  rowKey="id"
                  size="middle"
                  loading={teams.isFetching}
                  dataSource={teams.data ?? []}
                  pagination={false}
                  locale={{ emptyText: t('teams.empty') }}
                  columns={[
                    { title: t('teams.name'), dataIndex: 'name' },
                    {
                      title: t('teams.leader'),
                      dataIndex: 'leaderId',
                      render: (id: string | null) => userName(id),
                    },
                    { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: formatDateTime },
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 160,
                      render: (_, team) => (
                        <Space size={4}>
                          {can(me, 'teams', 'update') ? (
                            <Button
                              type="link"
                              size="small"
                              onClick={() => setTeamDialog({ mode: 'edit', team })}
                            >
                              {t('common.edit')}
                            </Button>
                          ) : null}
                          {can(me, 'teams', 'delete') ? (
                            <Popconfirm
                              title={t('teams.deleteConfirm', { name: team.name })}
                              onConfirm={() => removeTeam.mutate(team.id)}
                            >
                              <Button type="link" size="small" danger>
                                {t('common.delete')}
                              </Button>
                            </Popconfirm>
                          ) : null}
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
            </Space>
          ) : (
            <Card
              styles={{
                body: { minHeight: 420, display: 'flex', alignItems: 'center', justifyContent: 'center' },
              }}
            >
              <Empty description={t('departments.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
      <DepartmentForm
        open={deptDialog !== null}
        department={deptDialog?.mode === 'edit' ? deptDialog.department : undefined}
        defaultParentId={deptDialog?.mode === 'create' ? deptDialog.parentId : null}
        departments={all}
        saving={saveDepartment.isPending}
        onCancel={() => setDeptDialog(null)}
        onSubmit={(values, form) => saveDepartment.mutate({ values, form })}
      />
      <TeamForm
        open={teamDialog !== null}
        team={teamDialog?.mode === 'edit' ? teamDialog.team : undefined}
        defaultDepartmentId={selectedId}
        departments={all}
        saving={saveTeam.isPending}
        onCancel={() => setTeamDialog(null)}
        onSubmit={(values, form) => saveTeam.mutate({ values, form })}
      />
    </>
  );
}
