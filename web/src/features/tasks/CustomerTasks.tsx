import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { TaskForm } from './TaskForm';
import { TaskList } from './TaskList';
import { listTasks, tasksKey, type Task, type TaskStatus } from './tasks.api';

/** The tasks tab of a customer: its open (or done) tasks, and a new one preset to the customer. */
export function CustomerTasks({ customer }: { customer: { id: string; name: string } }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [status, setStatus] = useState<TaskStatus>('open');
  const [editing, setEditing] = useState<Task | null | undefined>(undefined);
  const readable = can(me, 'tasks', 'read');
  const tasks = useQuery({
    enabled: readable,
    queryKey: [...tasksKey, 'customer', customer.id, status],
    queryFn: () =>
      listTasks({
        customerId: customer.id,
        status,
        limit: 200,
        sort: status === 'done' ? '-dueAt' : 'dueAt',
      }),
  });
  if (!readable) return <Empty description={t('tasks.empty')} />;
  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <Segmented<TaskStatus>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'open', label: t('tasks.tabs.open') },
            { value: 'done', label: t('tasks.tabs.done') },
          ]}
        />
        {can(me, 'tasks', 'create') ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="customer-task-new">
            {t('tasks.new')}
          </Button>
        ) : null}
      </Flex>
      <TaskList tasks={tasks.data?.items ?? []} loading={tasks.isPending} onEdit={setEditing} hideCustomer />
      <TaskForm
        open={editing !== undefined}
        task={editing}
        customer={customer}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
