import { CheckOutlined, DeleteOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Popconfirm, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { formatDateTime, useApiFeedback } from '../../ui';
import { isOverdue } from './task-dates';
import { completeTask, deleteTask, reopenTask, tasksKey, type Task } from './tasks.api';

interface Props {
  tasks: Task[];
  loading?: boolean;
  onEdit: (task: Task) => void;
  /** Hide the customer column (inside a customer page). */
  hideCustomer?: boolean;
}

/** Tasks in a table; the checkbox completes (or reopens) with one click. */
export function TaskList({ tasks, loading, onEdit, hideCustomer }: Props) {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  const now = new Date();
  const refresh = () => queryClient.invalidateQueries({ queryKey: tasksKey });
  const toggle = useMutation({
    mutationFn: (task: Task) => (task.status === 'done' ? reopenTask(task.id) : completeTask(task.id)),
    onSuccess: refresh,
    onError: (e) => showError(e),
  });
  const remove = useMutation({ mutationFn: deleteTask, onSuccess: refresh, onError: (e) => showError(e) });
  const editable = can(me, 'tasks', 'update');

  const columns: TableProps<Task>['columns'] = [
    {
      key: 'done',
      width: 48,
      render: (_, task) => (
        <Checkbox
          checked={task.status === 'done'}
          disabled={!editable || task.status === 'cancelled'}
          onChange={() => toggle.mutate(task)}
          aria-label={t('tasks.actions.complete')}
          data-testid={`task-done-${task.id}`}
        />
      ),
    },
    {
      title: t('tasks.fields.title'),
      dataIndex: 'title',
      render: (title: string, task) => (
        <Space direction="vertical" size={0}>
          <Typography.Text delete={task.status === 'done'}>{title}</Typography.Text>
          {task.notes ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {task.notes}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('tasks.fields.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: string) => <Tag>{t(`tasks.kinds.${kind}`)}</Tag>,
    },
    {
      title: t('tasks.fields.dueAt'),
      dataIndex: 'dueAt',
      width: 170,
      render: (dueAt: string, task) =>
        isOverdue(task, now) ? (
          <Typography.Text type="danger">
            {formatDateTime(dueAt)} <Tag color="red">{t('tasks.overdue')}</Tag>
          </Typography.Text>
        ) : (
          formatDateTime(dueAt)
        ),
    },
    ...(hideCustomer
      ? []
      : [
          {
            title: t('tasks.fields.customer'),
            dataIndex: 'customerName',
            render: (name: string | null, task: Task) =>
              task.customerId ? <Link to={`/customers/${task.customerId}`}>{name}</Link> : '—',
          },
        ]),
    { title: t('tasks.fields.assignee'), dataIndex: 'assigneeName', width: 110 },
    {
      key: 'actions',
      width: 100,
      render: (_, task) => (
        <Space size={0}>
          {editable ? (
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              onClick={() => onEdit(task)}
              aria-label={t('tasks.actions.edit')}
            />
          ) : null}
          {editable && task.status === 'done' ? (
            <Button
              type="text"
              size="small"
              icon={<UndoOutlined />}
              onClick={() => toggle.mutate(task)}
              aria-label={t('tasks.actions.reopen')}
            />
          ) : null}
          {editable && task.status === 'open' ? (
            <Button
              type="text"
              size="small"
              icon={<CheckOutlined />}
              onClick={() => toggle.mutate(task)}
              aria-label={t('tasks.actions.complete')}
            />
          ) : null}
          {can(me, 'tasks', 'delete') ? (
            <Popconfirm title={t('tasks.actions.confirmDelete')} onConfirm={() => remove.mutate(task.id)}>
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('tasks.actions.delete')}
              />
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Table<Task>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={tasks}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('tasks.empty') }}
      data-testid="task-list"
    />
  );
}
