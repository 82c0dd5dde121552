import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Col,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Rate,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader, useApiFeedback, useDebouncedValue } from '../../ui';
import { can, useMe } from '../../app/session';
import {
  PARTNER_KINDS,
  RATINGS,
  createPartner,
  deletePartner,
  listPartners,
  partnersKey,
  updatePartner,
  type Partner,
  type PartnerKind,
} from './partners.api';

const FIELDS = [
  'kind',
  'name',
  'mainProducts',
  ...RATINGS,
  'phone',
  'email',
  'website',
  'address',
  'tags',
  'notes',
];

/** 供应商与合作伙伴: a directory by kind, with ratings as stars and contacts. */
export function PartnersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const qc = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [kind, setKind] = useState<PartnerKind | 'all'>('all');
  const [q, setQ] = useState('');
  const query = useDebouncedValue(q, 300);
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: [...partnersKey, kind, query],
    queryFn: () => listPartners({ kind: kind === 'all' ? undefined : kind, q: query || undefined }),
  });
  const mayWrite = !!me && can(me, 'partners', editing === 'new' ? 'create' : 'update');
  const refresh = () => void qc.invalidateQueries({ queryKey: partnersKey });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      editing === 'new'
        ? createPartner(v)
        : updatePartner((editing as Partner).id, { ...v, version: (editing as Partner).version }),
    onSuccess: () => {
      showSuccess(t('partners.saved'));
      setEditing(null);
      refresh();
    },
    // contacts[1].email → the email box of the second contact.
    onError: (e) =>
      showError(e, form, (path) =>
        path[0] === 'contacts' && path.length === 3
          ? path
          : typeof path[0] === 'string' && FIELDS.includes(path[0])
            ? [path[0]]
            : null,
      ),
  });
  const remove = useMutation({
    mutationFn: deletePartner,
    onSuccess: () => {
      setEditing(null);
      refresh();
    },
    onError: (e) => showError(e),
  });
  const open = (p: Partner | 'new') => {
    setEditing(p);
    form.resetFields();
    form.setFieldsValue(p === 'new' ? { kind: kind === 'all' ? 'supplier' : kind, contacts: [] } : p);
  };
  const kindOptions = PARTNER_KINDS.map((k) => ({ value: k, label: t(`partners.kind.${k}`) }));

  return (
    <>
      <PageHeader
        title={t('partners.title')}
        extra={
          !!me &&
          can(me, 'partners', 'create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
              {t('partners.new')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as PartnerKind | 'all')}
        items={[
          { key: 'all', label: t('partners.all') },
          ...kindOptions.map((o) => ({ key: o.value, label: o.label })),
        ]}
      />
      <Input.Search
        allowClear
        placeholder={t('partners.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ width: 300, marginBottom: 12 }}
      />
      <Table<Partner>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('partners.field.name'),
            dataIndex: 'name',
            render: (v, p) => <a onClick={() => open(p)}>{v}</a>,
          },
          {
            title: t('partners.field.kind'),
            dataIndex: 'kind',
            render: (k: PartnerKind) => <Tag>{t(`partners.kind.${k}`)}</Tag>,
          },
          { title: t('partners.field.mainProducts'), dataIndex: 'mainProducts', ellipsis: true },
          {
            title: t('partners.field.qualityRating'),
            dataIndex: 'qualityRating',
            render: (v: number | null) => <Rate disabled value={v ?? 0} style={{ fontSize: 14 }} />,
          },
          {
            title: t('partners.field.deliverySpeed'),
            dataIndex: 'deliverySpeed',
            render: (v: number | null) => <Rate disabled value={v ?? 0} style={{ fontSize: 14 }} />,
          },
          {
            title: t('partners.field.contacts'),
            dataIndex: 'contacts',
            render: (cs: Partner['contacts']) =>
              cs.map((c) => [c.name, c.phone].filter(Boolean).join(' ')).join('；'),
          },
          {
            title: t('partners.field.tags'),
            dataIndex: 'tags',
            render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>),
          },
        ]}
      />
      <Drawer
        width={640}
        open={!!editing}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('partners.new') : (editing?.name ?? '')}
        extra={
          editing &&
          editing !== 'new' &&
          !!me &&
          can(me, 'partners', 'delete') && (
            <Popconfirm title={t('partners.confirmDelete')} onConfirm={() => remove.mutate(editing.id)}>
              <Button danger icon={<DeleteOutlined />} />
            </Popconfirm>
          )
        }
      >
        <Form form={form} layout="vertical" disabled={!mayWrite} onFinish={(v) => save.mutate(v)}>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="kind" label={t('partners.field.kind')} rules={[{ required: true }]}>
                <Select options={kindOptions} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="name" label={t('partners.field.name')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="mainProducts" label={t('partners.field.mainProducts')}>
            <Input />
          </Form.Item>
          <Row gutter={12}>
            {RATINGS.map((r) => (
              <Col span={12} key={r}>
                <Form.Item name={r} label={t(`partners.field.${r}`)}>
                  <Rate />
                </Form.Item>
              </Col>
            ))}
            <Col span={12}>
              <Form.Item name="phone" label={t('partners.field.phone')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="email" label={t('partners.field.email')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="website" label={t('partners.field.website')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="tags" label={t('partners.field.tags')}>
                <Select mode="tags" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="address" label={t('partners.field.address')}>
            <Input />
          </Form.Item>
          <Form.List name="contacts">
            {(fields, { add, remove: drop }) => (
              <>
                <div style={{ marginBottom: 8 }}>{t('partners.field.contacts')}</div>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                      <Input placeholder={t('partners.contact.name')} style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'title']}>
                      <Input placeholder={t('partners.contact.title')} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'phone']}>
                      <Input placeholder={t('partners.contact.phone')} style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'email']}>
                      <Input placeholder={t('partners.contact.email')} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'wechat']}>
                      <Input placeholder={t('partners.contact.wechat')} style={{ width: 100 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => drop(f.name)} style={{ marginTop: 8 }} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                  {t('partners.contact.add')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="notes" label={t('partners.field.notes')} style={{ marginTop: 12 }}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('partners.save')}
          </Button>
        </Form>
      </Drawer>
    </>
  );
}
