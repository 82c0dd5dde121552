import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { useApiFeedback } from '../../ui';
import { CustomerPicker } from '../customers/CustomerPicker';
import { UserSelect } from '../users/UserSelect';
import { TASK_KINDS, createTask, tasksKey, updateTask, type Task, type TaskKind } from './tasks.api';

interface Values {
  title: string;
  kind: TaskKind;
  dueAt: Dayjs;
  assigneeId?: string;
  customerId?: string | null;
  notes?: string;
}

interface Props {
  open: boolean;
  /** Edit this task; create a new one when absent. */
  task?: Task | null;
  /** Preset customer of a new task (the customer detail page). */
  customer?: { id: string; name: string };
  /** Preset due time of a new task (the calendar). */
  dueAt?: Dayjs;
  onClose: () => void;
}

const FIELDS = ['title', 'kind', 'dueAt', 'assigneeId', 'customerId', 'notes'];

/** Create or edit a task: what, when, for whom, about which customer. */
export function TaskForm({ open, task, customer, dueAt, onClose }: Props) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();

  // Reset only when the modal opens on another record, not on every parent render.
  const presetCustomerId = customer?.id;
  const meId = me?.id;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      task
        ? {
            title: task.title,
            kind: task.kind,
            dueAt: dayjs(task.dueAt),
            assigneeId: task.assigneeId,
            customerId: task.customerId,
            notes: task.notes ?? undefined,
          }
        : {
            kind: 'followUp',
            dueAt: dueAt ?? dayjs().add(1, 'day').hour(10).minute(0).second(0),
            assigneeId: meId,
            customerId: presetCustomerId,
          },
    );
  }, [open, task, presetCustomerId, dueAt, meId, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        title: v.title,
        kind: v.kind,
        dueAt: v.dueAt.toISOString(),
        assigneeId: v.assigneeId,
        customerId: v.customerId ?? null,
        notes: v.notes?.trim() ? v.notes : null,
      };
      if (!task) return createTask(body);
      const moved = body.customerId !== task.customerId;
      return updateTask(task.id, { ...body, ...(moved ? { contactId: null } : {}), version: task.version });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tasksKey });
      showSuccess();
      onClose();
    },
    onError: (error) => showError(error, form, FIELDS),
  });

  return (
    <Modal
      open={open}
      title={task ? t('tasks.form.editTitle') : t('tasks.form.newTitle')}
      okText={t('tasks.form.save')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      data-testid="task-form"
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark="optional">
        <Form.Item
          name="title"
          label={t('tasks.fields.title')}
          rules={[{ required: true, whitespace: true, message: t('tasks.form.required') }]}
        >
          <Input maxLength={200} data-testid="task-title" />
        </Form.Item>
        <Form.Item name="kind" label={t('tasks.fields.kind')} rules={[{ required: true }]}>
          <Select options={TASK_KINDS.map((k) => ({ value: k, label: t(`tasks.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="dueAt"
          label={t('tasks.fields.dueAt')}
          rules={[{ required: true, message: t('tasks.form.required') }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('tasks.fields.assignee')}>
          <UserSelect currentLabel={task?.assigneeName ?? me?.name} />
        </Form.Item>
        <Form.Item name="customerId" label={t('tasks.fields.customer')}>
          <CustomerPicker currentLabel={task?.customerName ?? customer?.name} />
        </Form.Item>
        <Form.Item name="notes" label={t('tasks.fields.notes')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
