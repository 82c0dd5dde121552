import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Empty, Flex, Input, Select, Spin, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, type ListPage } from '../../api/client';
import { can, useMe } from '../../app/session';
import { PageHeader, errorMessage, useApiFeedback, useDebouncedValue } from '../../ui';
import { UserSelect } from '../users';
import { moveCard } from './board-state';
import { LostReasonModal } from './LostReasonModal';
import { OpportunityCard } from './OpportunityCard';
import { OpportunityForm } from './OpportunityForm';
import {
  changeStage,
  fetchBoard,
  listOpportunities,
  listPipelines,
  opportunitiesKey,
  pipelinesKey,
  type Board,
  type BoardColumn,
  type Opportunity,
  type Stage,
} from './opportunities.api';
import { moneyText, useSalesDictionaries, useStageLabel } from './opportunity-labels';

const PAGE = 20;

interface Filters {
  ownerId?: string;
  teamId?: string;
  channel?: string;
}

/** 销售看板: one column per stage with count and totals; cards dragged between stages. */
export function OpportunityBoardPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  const stageLabel = useStageLabel();
  const dict = useSalesDictionaries();
  const [pipelineId, setPipelineId] = useState<string | undefined>();
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [dragging, setDraggingState] = useState<Opportunity | null>(null);
  // The handlers read the card being dragged from a ref: the first dragover can come before React
  // has rendered the state set in dragstart (a quick drag), and must already be accepted.
  const draggingRef = useRef<Opportunity | null>(null);
  const setDragging = (o: Opportunity | null) => {
    draggingRef.current = o;
    setDraggingState(o);
  };
  const [over, setOver] = useState<string | null>(null);
  const [pendingLost, setPendingLost] = useState<{ o: Opportunity; to: Stage } | null>(null);
  const [creating, setCreating] = useState(false);
  const boardQuery = { pipelineId, ...filters, q: q || undefined };
  const boardKey = [...opportunitiesKey, 'board', boardQuery];
  const resetKey = JSON.stringify(boardQuery);
  const [more, setMore] = useState<{
    key: string;
    pages: Record<string, { items: Opportunity[]; next: string | null }>;
  }>({ key: resetKey, pages: {} });
  const extra = more.key === resetKey ? more.pages : {};
  const mayMove = can(me, 'opportunities', 'update');

  const pipelines = useQuery({ queryKey: pipelinesKey, queryFn: listPipelines, staleTime: 60_000 });
  const teams = useQuery({
    queryKey: ['teams', 'select'],
    queryFn: () => api.get<ListPage<{ id: string; name: string }>>('/teams', { limit: 200 }),
    staleTime: 60_000,
  });
  const board = useQuery({ queryKey: boardKey, queryFn: () => fetchBoard({ ...boardQuery, limit: PAGE }) });
  const currentPipeline = pipelines.data?.items.find((p) => p.id === (pipelineId ?? board.data?.pipeline.id));

  const move = useMutation({
    mutationFn: (v: { o: Opportunity; to: Stage; lostReason?: string; lostNote?: string }) =>
      changeStage(v.o.id, {
        stageId: v.to.id,
        version: v.o.version,
        ...(v.lostReason ? { lostReason: v.lostReason, lostNote: v.lostNote } : {}),
      }),
    onMutate: async (v) => {
      await queryClient.cancelQueries({ queryKey: boardKey });
      const snapshot = queryClient.getQueryData<Board>(boardKey);
      const extraSnapshot = more;
      if (snapshot) queryClient.setQueryData<Board>(boardKey, moveCard(snapshot, v.o, v.to));
      if (extra[v.o.stageId])
        setMore({
          key: resetKey,
          pages: {
            ...extra,
            [v.o.stageId]: {
              ...extra[v.o.stageId]!,
              items: extra[v.o.stageId]!.items.filter((i) => i.id !== v.o.id),
            },
          },
        });
      return { snapshot, extraSnapshot };
    },
    onError: (error, _v, context) => {
      if (context?.snapshot) queryClient.setQueryData(boardKey, context.snapshot);
      if (context?.extraSnapshot) setMore(context.extraSnapshot);
      showError(error);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: opportunitiesKey }),
  });

  const loadMore = useMutation({
    mutationFn: async (column: BoardColumn) => {
      const cursor = extra[column.stage.id]?.next ?? column.nextCursor;
      const page = await listOpportunities({
        ...boardQuery,
        pipelineId: board.data!.pipeline.id,
        stageId: column.stage.id,
        closedSince: board.data!.closedSince,
        sort: '-updatedAt',
        cursor,
        limit: PAGE,
      });
      return { column, page };
    },
    onSuccess: ({ column, page }) =>
      setMore({
        key: resetKey,
        pages: {
          ...extra,
          [column.stage.id]: {
            items: [...(extra[column.stage.id]?.items ?? []), ...page.items],
            next: page.nextCursor,
          },
        },
      }),
    onError: (error) => showError(error),
  });

  const drop = (to: Stage) => {
    const o = draggingRef.current;
    setDragging(null);
    setOver(null);
    if (!o || o.stageId === to.id || !to.active) return;
    if (to.kind === 'lost') setPendingLost({ o, to });
    else move.mutate({ o, to });
  };

  const columns = board.data?.columns ?? [];
  const pipelineOptions = useMemo(
    () => (pipelines.data?.items ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name })),
    [pipelines.data],
  );

  return (
    <>
      <PageHeader
        title={t('opportunities.board.title')}
        description={t('opportunities.board.description')}
        extra={
          <>
            <Button icon={<UnorderedListOutlined />} onClick={() => navigate('/opportunities/list')}>
              {t('opportunities.list.title')}
            </Button>
            {can(me, 'opportunities', 'create') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="opportunity-new"
              >
                {t('opportunities.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ minWidth: 200 }}
          value={pipelineId ?? board.data?.pipeline.id}
          options={pipelineOptions}
          onChange={setPipelineId}
          data-testid="pipeline-select"
        />
        <UserSelect
          style={{ minWidth: 200 }}
          placeholder={t('opportunities.filters.owner')}
          value={filters.ownerId}
          onChange={(v) => setFilters({ ...filters, ownerId: v || undefined })}
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('opportunities.filters.team')}
          value={filters.teamId}
          options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
          onChange={(v) => setFilters({ ...filters, teamId: v || undefined })}
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('opportunities.filters.channel')}
          value={filters.channel}
          options={dict.options('leadChannel')}
          onChange={(v) => setFilters({ ...filters, channel: v || undefined })}
        />
        <Input.Search
          allowClear
          style={{ width: 240 }}
          placeholder={t('opportunities.filters.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </Flex>
      {board.error ? (
        <Alert type="error" showIcon title={errorMessage(board.error, t('common.requestFailed'))} />
      ) : null}
      {board.isLoading ? <Spin /> : null}
      <div
        style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }}
        data-testid="opportunity-board"
      >
        {columns.map((column) => {
          const s = column.stage;
          const items = [...column.items, ...(extra[s.id]?.items ?? [])];
          const next = extra[s.id] ? extra[s.id]!.next : column.nextCursor;
          const droppable = () => {
            const d = draggingRef.current;
            return !!d && d.stageId !== s.id && s.active;
          };
          return (
            <div
              key={s.id}
              data-testid={`stage-column-${s.key ?? s.id}`}
              data-stage-id={s.id}
              onDragOver={(e) => {
                if (!droppable()) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                if (over !== s.id) setOver(s.id);
              }}
              onDragLeave={() => over === s.id && setOver(null)}
              onDrop={(e) => {
                e.preventDefault();
                drop(s);
              }}
              style={{
                flex: '0 0 260px',
                background: over === s.id ? '#e6f4ff' : '#f5f5f5',
                // While a card is dragged, the columns it may go to are outlined.
                outline: dragging && dragging.stageId !== s.id && s.active ? '1px dashed #91caff' : 'none',
                borderRadius: 8,
                padding: 8,
                opacity: s.active ? 1 : 0.6,
                minHeight: 300,
              }}
            >
              <Flex justify="space-between" align="center">
                <Typography.Text strong>{stageLabel(s)}</Typography.Text>
                <Badge
                  count={column.count}
                  showZero
                  color={s.kind === 'won' ? 'green' : s.kind === 'lost' ? 'red' : 'blue'}
                  data-testid="stage-count"
                  overflowCount={99999}
                />
              </Flex>
              <div style={{ fontSize: 12, minHeight: 20, margin: '4px 0 8px' }} data-testid="stage-totals">
                {column.amounts.length ? (
                  column.amounts.map((a) => <div key={a.currency}>{moneyText(a.amount, a.currency)}</div>)
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                )}
              </div>
              {items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.board.empty')} />
              ) : null}
              {items.map((o) => (
                <OpportunityCard
                  key={o.id}
                  opportunity={o}
                  draggable={mayMove}
                  onDragStart={setDragging}
                  onDragEnd={() => {
                    setDragging(null);
                    setOver(null);
                  }}
                />
              ))}
              {next ? (
                <Button
                  block
                  size="small"
                  loading={loadMore.isPending && loadMore.variables?.stage.id === s.id}
                  onClick={() => loadMore.mutate(column)}
                  data-testid={`stage-more-${s.key ?? s.id}`}
                >
                  {t('opportunities.board.loadMore')}
                </Button>
              ) : null}
            </div>
          );
        })}
      </div>
      {board.data ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('opportunities.board.closedHint', { date: board.data.closedSince.slice(0, 10) })}
        </Typography.Text>
      ) : null}
      <LostReasonModal
        open={!!pendingLost}
        name={pendingLost?.o.name}
        onCancel={() => setPendingLost(null)}
        onConfirm={(v) => {
          if (pendingLost) move.mutate({ ...pendingLost, ...v });
          setPendingLost(null);
        }}
      />
      {creating ? (
        <OpportunityForm open pipeline={currentPipeline} onClose={() => setCreating(false)} />
      ) : null}
    </>
  );
}
