import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { PageHeader } from '../../ui';
import { TaskForm } from './TaskForm';
import { TaskList } from './TaskList';
import { fetchTask, listTasks, tasksKey, type Task, type TaskKind, type TaskQuery } from './tasks.api';

const TABS = ['today', 'overdue', 'week', 'open', 'done'] as const;
type Tab = (typeof TABS)[number];

/** The caller's own tasks; sorted by due time (done: latest first). */
function queryOf(tab: Tab, meId: string | undefined, kind?: TaskKind): TaskQuery {
  switch (tab) {
    case 'today':
      return { view: 'today', status: 'open', assigneeId: meId, kind };
    case 'overdue':
      return { view: 'overdue', assigneeId: meId, kind };
    case 'week':
      return { view: 'week', status: 'open', assigneeId: meId, kind };
    case 'open':
      return { view: 'mine', status: 'open', kind };
    case 'done':
      return { view: 'mine', status: 'done', sort: '-dueAt', kind };
  }
}

/** 我的任务: today, overdue, this week, all open, done; one click completes. */
export function TasksPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'today';
  const kind = (params.get('kind') as TaskKind | null) ?? undefined;
  const [editing, setEditing] = useState<Task | null | undefined>(undefined);

  // A link from a notification opens the task (/tasks?open=<id>).
  const openId = params.get('open');
  useEffect(() => {
    if (!openId) return;
    fetchTask(openId)
      .then((task) => setEditing(task))
      .catch(() => undefined)
      .finally(() =>
        setParams(
          (old) => {
            const next = new URLSearchParams(old);
            next.delete('open');
            return next;
          },
          { replace: true },
        ),
      );
  }, [openId, setParams]);

  const scoped = queryOf(tab, me?.id, kind);
  const pages = useInfiniteQuery({
    queryKey: [...tasksKey, 'mine', scoped],
    queryFn: ({ pageParam }) => listTasks({ ...scoped, cursor: pageParam, limit: 100 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!me,
  });
  const tasks = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        description={t('tasks.description')}
        extra={
          can(me, 'tasks', 'create') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(null)}
              data-testid="task-new"
            >
              {t('tasks.new')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) =>
            setParams(
              (old) => {
                const next = new URLSearchParams(old);
                next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
          items={TABS.map((key) => ({
            key,
            label: <span data-testid={`tasks-tab-${key}`}>{t(`tasks.tabs.${key}`)}</span>,
          }))}
        />
        <TaskList tasks={tasks} loading={pages.isPending} onEdit={setEditing} />
        {pages.hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
              {t('tasks.more')}
            </Button>
          </Flex>
        ) : null}
      </Card>
      <TaskForm open={editing !== undefined} task={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}
