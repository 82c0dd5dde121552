import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  StarOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { PageHeader, testId, useApiFeedback } from '../../ui';
import {
  addStage,
  createPipeline,
  deleteStage,
  listPipelines,
  pipelinesKey,
  reorderStages,
  updatePipeline,
  updateStage,
  type Pipeline,
  type Stage,
} from './opportunities.api';
import { useStageLabel } from './opportunity-labels';

/** 销售流程设置: pipelines and their stages — add, rename, probability, order, switch off. */
export function PipelinesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const stageLabel = useStageLabel();
  const [selected, setSelected] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const [creatingPipeline, setCreatingPipeline] = useState(false);
  const [stageForm] = Form.useForm<{ name: string; probability?: number }>();
  const [pipelineForm] = Form.useForm<{ name: string; firstStage: string }>();
  const pipelines = useQuery({ queryKey: pipelinesKey, queryFn: listPipelines });
  const pipeline: Pipeline | undefined =
    pipelines.data?.items.find((p) => p.id === selected) ?? pipelines.data?.items.find((p) => p.isDefault);
  const editable = can(me, 'pipelines', 'update');

  const done = (p?: Pipeline) => {
    showSuccess(t('common.saved'));
    if (p) setSelected(p.id);
    void queryClient.invalidateQueries({ queryKey: pipelinesKey });
    void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
  };
  const run = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: (p) => done(p as Pipeline | undefined),
    onError: (error) => showError(error),
  });
  const patchStage = (s: Stage, patch: { name?: string; probability?: number; active?: boolean }) =>
    run.mutate(() => updateStage(s.pipelineId, s.id, { version: s.version, ...patch }));
  const moveStage = (s: Stage, delta: -1 | 1) => {
    const open = pipeline!.stages.filter((x) => x.kind === 'open').map((x) => x.id);
    const i = open.indexOf(s.id);
    const j = i + delta;
    if (j < 0 || j >= open.length) return;
    [open[i], open[j]] = [open[j]!, open[i]!];
    run.mutate(() => reorderStages(s.pipelineId, open));
  };

  return (
    <>
      <PageHeader
        title={t('opportunities.pipelines.title')}
        description={t('opportunities.pipelines.description')}
        extra={
          can(me, 'pipelines', 'create') ? (
            <Button icon={<PlusOutlined />} onClick={() => setCreatingPipeline(true)}>
              {t('opportunities.pipelines.new')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={8} align="center" style={{ marginBottom: 16 }} wrap>
          <Select
            style={{ minWidth: 220 }}
            value={pipeline?.id}
            onChange={setSelected}
            options={(pipelines.data?.items ?? []).map((p) => ({
              value: p.id,
              label: p.isDefault ? `${p.name} (${t('opportunities.pipelines.default')})` : p.name,
            }))}
            data-testid="pipeline-settings-select"
          />
          {pipeline && editable ? (
            <Typography.Text
              editable={{
                onChange: (name) =>
                  name.trim() &&
                  name !== pipeline.name &&
                  run.mutate(() =>
                    updatePipeline(pipeline.id, { version: pipeline.version, name: name.trim() }),
                  ),
              }}
            >
              {pipeline.name}
            </Typography.Text>
          ) : null}
          {pipeline && editable && !pipeline.isDefault ? (
            <Button
              icon={<StarOutlined />}
              onClick={() =>
                run.mutate(() => updatePipeline(pipeline.id, { version: pipeline.version, isDefault: true }))
              }
            >
              {t('opportunities.pipelines.makeDefault')}
            </Button>
          ) : null}
          {pipeline && editable ? (
            <Button
              icon={<PlusOutlined />}
              type="primary"
              onClick={() => setAdding(true)}
              data-testid="stage-add"
            >
              {t('opportunities.pipelines.addStage')}
            </Button>
          ) : null}
        </Flex>
        <Table<Stage>
          rowKey="id"
          pagination={false}
          loading={pipelines.isLoading || run.isPending}
          dataSource={pipeline?.stages ?? []}
          data-testid="stages-table"
          columns={[
            {
              key: 'name',
              title: t('opportunities.pipelines.stageName'),
              render: (_, s) => (
                <Typography.Text
                  editable={
                    editable
                      ? {
                          text: stageLabel(s),
                          onChange: (name) =>
                            name.trim() && name !== stageLabel(s) && patchStage(s, { name: name.trim() }),
                        }
                      : false
                  }
                >
                  {stageLabel(s)}
                </Typography.Text>
              ),
            },
            {
              key: 'kind',
              title: t('opportunities.pipelines.kind'),
              render: (_, s) => (
                <Tag color={s.kind === 'won' ? 'green' : s.kind === 'lost' ? 'red' : 'blue'}>
                  {t(`opportunities.status.${s.kind}`)}
                </Tag>
              ),
            },
            {
              key: 'probability',
              title: t('opportunities.fields.probability'),
              render: (_, s) =>
                editable ? (
                  <InputNumber
                    min={0}
                    max={100}
                    precision={0}
                    defaultValue={s.probability}
                    addonAfter="%"
                    onBlur={(e) => {
                      const v = Number(e.target.value);
                      if (Number.isInteger(v) && v !== s.probability && v >= 0 && v <= 100)
                        patchStage(s, { probability: v });
                    }}
                  />
                ) : (
                  `${s.probability}%`
                ),
            },
            {
              key: 'active',
              title: t('opportunities.pipelines.active'),
              render: (_, s) => (
                <Switch
                  checked={s.active}
                  disabled={!editable || s.kind !== 'open'}
                  onChange={(active) => patchStage(s, { active })}
                />
              ),
            },
            {
              key: 'actions',
              title: '',
              render: (_, s) =>
                editable && s.kind === 'open' ? (
                  <Flex gap={4}>
                    <Button size="small" icon={<ArrowUpOutlined />} onClick={() => moveStage(s, -1)} />
                    <Button size="small" icon={<ArrowDownOutlined />} onClick={() => moveStage(s, 1)} />
                    <Popconfirm
                      title={t('opportunities.pipelines.deleteStage')}
                      onConfirm={() => run.mutate(() => deleteStage(s.pipelineId, s.id))}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} />
                    </Popconfirm>
                  </Flex>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={adding}
        title={t('opportunities.pipelines.addStage')}
        onCancel={() => setAdding(false)}
        onOk={() => stageForm.submit()}
        okButtonProps={testId('stage-add-ok')}
        destroyOnHidden
      >
        <Form
          form={stageForm}
          layout="vertical"
          onFinish={(v) => {
            setAdding(false);
            stageForm.resetFields();
            run.mutate(() => addStage(pipeline!.id, v));
          }}
        >
          <Form.Item
            name="name"
            label={t('opportunities.pipelines.stageName')}
            rules={[{ required: true, max: 60 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="probability" label={t('opportunities.fields.probability')}>
            <InputNumber min={0} max={100} precision={0} addonAfter="%" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={creatingPipeline}
        title={t('opportunities.pipelines.new')}
        onCancel={() => setCreatingPipeline(false)}
        onOk={() => pipelineForm.submit()}
        destroyOnHidden
      >
        <Form
          form={pipelineForm}
          layout="vertical"
          onFinish={(v) => {
            setCreatingPipeline(false);
            pipelineForm.resetFields();
            run.mutate(() => createPipeline({ name: v.name, stages: [{ name: v.firstStage }] }));
          }}
        >
          <Form.Item
            name="name"
            label={t('opportunities.pipelines.name')}
            rules={[{ required: true, max: 60 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="firstStage"
            label={t('opportunities.pipelines.firstStage')}
            rules={[{ required: true, max: 60 }]}
          >
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
