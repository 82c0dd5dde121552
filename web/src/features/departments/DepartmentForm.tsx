import { Form, Input, Modal, TreeSelect, type FormInstance } from 'antd';
import { testId } from '../../ui';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../users/UserSelect';
import { buildDepartmentTree, disableNodes, selfAndDescendants } from './department-tree';
import type { Department } from './departments.api';

export interface DepartmentFormValues {
  name: string;
  parentId: string | null;
  managerId: string | null;
}

interface Props {
  open: boolean;
  /** The department being edited; absent when creating. */
  department?: Department;
  /** Parent preselected when creating a sub-department. */
  defaultParentId?: string | null;
  departments: Department[];
  saving: boolean;
  onCancel: () => void;
  onSubmit: (values: DepartmentFormValues, form: FormInstance<DepartmentFormValues>) => void;
}

export function DepartmentForm({
  open,
  department,
  defaultParentId,
  departments,
  saving,
  onCancel,
  onSubmit,
}: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DepartmentFormValues>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      name: department?.name ?? '',
      parentId: department ? department.parentId : (defaultParentId ?? null),
      managerId: department?.managerId ?? null,
    });
  }, [open, department, defaultParentId, form]);

  const blocked = department ? selfAndDescendants(departments, department.id) : new Set<string>();
  const treeData = disableNodes(buildDepartmentTree(departments), blocked);

  return (
    <Modal
      open={open}
      title={department ? t('departments.edit') : t('departments.create')}
      okText={t('common.save')}
      okButtonProps={{ loading: saving, ...testId('department-form-save') }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      forceRender
    >
      <Form<DepartmentFormValues> form={form} layout="vertical" onFinish={(values) => onSubmit(values, form)}>
        <Form.Item
          name="name"
          label={t('departments.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} data-testid="department-form-name" />
        </Form.Item>
        <Form.Item name="parentId" label={t('departments.parent')} extra={t('departments.parentHint')}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            treeData={treeData}
            placeholder={t('departments.topLevel')}
            data-testid="department-form-parent"
          />
        </Form.Item>
        <Form.Item name="managerId" label={t('departments.manager')}>
          <UserSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
