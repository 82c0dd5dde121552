import { Form, Input, Modal, TreeSelect, type FormInstance } from 'antd';
import { testId } from '../../ui';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../users/UserSelect';
import { buildDepartmentTree } from './department-tree';
import type { Department, Team } from './departments.api';

export interface TeamFormValues {
  name: string;
  departmentId: string | null;
  leaderId: string | null;
}

interface Props {
  open: boolean;
  team?: Team;
  defaultDepartmentId: string | null;
  departments: Department[];
  saving: boolean;
  onCancel: () => void;
  onSubmit: (values: TeamFormValues, form: FormInstance<TeamFormValues>) => void;
}

export function TeamForm({
  open,
  team,
  defaultDepartmentId,
  departments,
  saving,
  onCancel,
  onSubmit,
}: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TeamFormValues>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      name: team?.name ?? '',
      departmentId: team ? team.departmentId : defaultDepartmentId,
      leaderId: team?.leaderId ?? null,
    });
  }, [open, team, defaultDepartmentId, form]);

  return (
    <Modal
      open={open}
      title={team ? t('teams.edit') : t('teams.create')}
      okText={t('common.save')}
      okButtonProps={{ loading: saving, ...testId('team-form-save') }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      forceRender
    >
      <Form<TeamFormValues> form={form} layout="vertical" onFinish={(values) => onSubmit(values, form)}>
        <Form.Item
          name="name"
          label={t('teams.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} data-testid="team-form-name" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('teams.department')}>
          <TreeSelect allowClear treeDefaultExpandAll treeData={buildDepartmentTree(departments)} />
        </Form.Item>
        <Form.Item name="leaderId" label={t('teams.leader')}>
          <UserSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
