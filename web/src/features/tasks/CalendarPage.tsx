import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Calendar, Card, Flex, List, Segmented, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { PageHeader } from '../../ui';
import { groupByDay, isOverdue } from './task-dates';
import { TaskForm } from './TaskForm';
import { listAllTasks, tasksKey, type Task } from './tasks.api';

type Mode = 'month' | 'week';

const statusOf = (task: Task, now: Date) =>
  task.status === 'done' ? 'success' : isOverdue(task, now) ? 'error' : 'processing';

/** 日历: the tasks in scope on their days, by month or by week; click one to open it. */
export function CalendarPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [mode, setMode] = useState<Mode>('month');
  const [date, setDate] = useState<Dayjs>(() => dayjs());
  const [editing, setEditing] = useState<Task | null | undefined>(undefined);
  const [newAt, setNewAt] = useState<Dayjs | undefined>(undefined);

  // The whole visible grid of a month (six weeks), or Monday to Sunday of a week.
  const from =
    mode === 'month' ? date.startOf('month').startOf('week').subtract(7, 'day') : date.startOf('week');
  const to =
    mode === 'month' ? date.endOf('month').endOf('week').add(7, 'day') : date.startOf('week').add(7, 'day');
  const tasks = useQuery({
    queryKey: [...tasksKey, 'calendar', from.toISOString(), to.toISOString()],
    queryFn: () => listAllTasks({ dueFrom: from.toISOString(), dueTo: to.toISOString(), sort: 'dueAt' }),
  });
  const byDay = useMemo(() => groupByDay(tasks.data ?? []), [tasks.data]);
  const now = new Date();

  const item = (task: Task) => (
    <li key={task.id} style={{ listStyle: 'none' }}>
      <Typography.Link
        onClick={(e) => {
          e.stopPropagation();
          setEditing(task);
        }}
        style={{ fontSize: 12 }}
        data-testid={`calendar-task-${task.id}`}
      >
        <Badge status={statusOf(task, now)} />
        {dayjs(task.dueAt).format('HH:mm')} {task.title}
      </Typography.Link>
    </li>
  );

  const week = Array.from({ length: 7 }, (_, i) => date.startOf('week').add(i, 'day'));

  return (
    <>
      <PageHeader
        title={t('tasks.calendar.title')}
        extra={
          <>
            <Segmented<Mode>
              value={mode}
              onChange={setMode}
              options={[
                { value: 'month', label: t('tasks.calendar.month') },
                { value: 'week', label: t('tasks.calendar.week') },
              ]}
            />
            {can(me, 'tasks', 'create') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
                {t('tasks.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card loading={tasks.isPending && !tasks.data}>
        {mode === 'month' ? (
          <Calendar
            value={date}
            onPanelChange={(d) => setDate(d)}
            onSelect={(d, info) => {
              setDate(d);
              if (info.source === 'date' && can(me, 'tasks', 'create')) {
                setNewAt(d.hour(10).minute(0).second(0));
                setEditing(null);
              }
            }}
            cellRender={(d, info) => {
              if (info.type !== 'date') return info.originNode;
              const list = byDay.get(d.format('YYYY-MM-DD')) ?? [];
              return <ul style={{ margin: 0, padding: 0 }}>{list.slice(0, 4).map(item)}</ul>;
            }}
          />
        ) : (
          <>
            <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
              <Button onClick={() => setDate(date.subtract(7, 'day'))}>{t('tasks.calendar.prevWeek')}</Button>
              <Typography.Text strong>
                {week[0]!.format('YYYY-MM-DD')} ~ {week[6]!.format('YYYY-MM-DD')}
              </Typography.Text>
              <Button onClick={() => setDate(date.add(7, 'day'))}>{t('tasks.calendar.nextWeek')}</Button>
            </Flex>
            <Flex gap={8} align="stretch">
              {week.map((d) => {
                const list = byDay.get(d.format('YYYY-MM-DD')) ?? [];
                return (
                  <Card
                    key={d.format('YYYY-MM-DD')}
                    size="small"
                    style={{ flex: 1, minWidth: 0, minHeight: 240 }}
                    title={
                      <span>
                        {d.format('MM-DD ddd')}{' '}
                        {d.isSame(dayjs(), 'day') ? (
                          <Tag color="blue">{t('tasks.calendar.today')}</Tag>
                        ) : null}
                      </span>
                    }
                  >
                    <List
                      size="small"
                      dataSource={list}
                      renderItem={(task) => item(task)}
                      locale={{ emptyText: ' ' }}
                    />
                  </Card>
                );
              })}
            </Flex>
          </>
        )}
      </Card>
      <TaskForm
        open={editing !== undefined}
        task={editing}
        dueAt={newAt}
        onClose={() => {
          setEditing(undefined);
          setNewAt(undefined);
        }}
      />
    </>
  );
}
