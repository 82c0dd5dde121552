import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Form, Input, Popconfirm, Row, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader, useApiFeedback } from '../../ui';
import { can, useMe } from '../../app/session';
import { useDictionaries } from '../customization/customization.api';
import {
  createPriceList,
  deletePriceList,
  getPriceList,
  listPriceLists,
  listProducts,
  priceListsKey,
  putPriceListItems,
  type PriceList,
} from './products.api';

interface Line {
  productId: string;
  sku: string;
  name: string;
  listPrice: string;
  price: string;
}

/** 价格表: lists per customer type or customer with validity dates, and an items editor. */
export function PriceListsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const qc = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const dict = useDictionaries();
  const [selected, setSelected] = useState<string | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [search, setSearch] = useState('');
  const [form] = Form.useForm();
  const mayEdit = !!me && can(me, 'products', 'update');
  const lists = useQuery({ queryKey: priceListsKey, queryFn: listPriceLists });
  const one = useQuery({
    queryKey: [...priceListsKey, selected],
    queryFn: () => getPriceList(selected!),
    enabled: !!selected,
  });
  const found = useQuery({
    queryKey: ['products', 'pick', search],
    queryFn: () => listProducts({ q: search }),
    enabled: search.length > 0,
  });
  useEffect(() => setLines(one.data?.items ?? []), [one.data]);
  const refresh = () => void qc.invalidateQueries({ queryKey: priceListsKey });
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => createPriceList(v),
    onSuccess: (l) => {
      form.resetFields();
      setSelected(l.id);
      refresh();
    },
    onError: (e) => showError(e, form, ['name', 'customerType', 'validFrom', 'validTo', 'currency']),
  });
  const saveItems = useMutation({
    mutationFn: () =>
      putPriceListItems(
        selected!,
        lines.map((l) => ({ productId: l.productId, price: l.price })),
      ),
    onSuccess: () => {
      showSuccess(t('products.saved'));
      refresh();
    },
    onError: (e) => showError(e),
  });
  const remove = useMutation({
    mutationFn: deletePriceList,
    onSuccess: () => {
      setSelected(null);
      refresh();
    },
    onError: (e) => showError(e),
  });

  const target = (l: PriceList) =>
    l.customerName ? (
      <Tag color="purple">{l.customerName}</Tag>
    ) : l.customerType ? (
      <Tag color="blue">{dict.labelOf('customerType', l.customerType) ?? l.customerType}</Tag>
    ) : (
      <Tag>{t('products.priceLists.general')}</Tag>
    );

  return (
    <>
      <PageHeader title={t('products.priceLists.title')} />
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Table<PriceList>
            rowKey="id"
            size="small"
            pagination={false}
            loading={lists.isLoading}
            dataSource={lists.data?.items ?? []}
            onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
            rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
            columns={[
              { title: t('products.priceLists.name'), dataIndex: 'name' },
              { title: t('products.priceLists.for'), render: (_, r) => target(r) },
              {
                title: t('products.priceLists.validity'),
                render: (_, r) => `${r.validFrom ?? '…'} – ${r.validTo ?? '…'}`,
              },
              { title: t('products.priceLists.items'), dataIndex: 'itemCount', align: 'right' },
            ]}
          />
          {!!me && can(me, 'products', 'create') && (
            <Card size="small" title={t('products.priceLists.new')} style={{ marginTop: 16 }}>
              <Form
                form={form}
                layout="vertical"
                onFinish={(v) =>
                  create.mutate({
                    name: v.name,
                    customerType: v.customerType ?? null,
                    currency: v.currency ?? 'CNY',
                    validFrom: v.validFrom ? dayjs(v.validFrom).format('YYYY-MM-DD') : null,
                    validTo: v.validTo ? dayjs(v.validTo).format('YYYY-MM-DD') : null,
                  })
                }
              >
                <Form.Item name="name" label={t('products.priceLists.name')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="customerType" label={t('products.priceLists.customerType')}>
                  <Select allowClear options={dict.options('customerType')} />
                </Form.Item>
                <Space>
                  <Form.Item name="validFrom" label={t('products.priceLists.validFrom')}>
                    <DatePicker />
                  </Form.Item>
                  <Form.Item name="validTo" label={t('products.priceLists.validTo')}>
                    <DatePicker />
                  </Form.Item>
                  <Form.Item name="currency" label={t('products.field.currency')} initialValue="CNY">
                    <Select
                      style={{ width: 90 }}
                      options={['CNY', 'USD', 'EUR'].map((c) => ({ value: c, label: c }))}
                    />
                  </Form.Item>
                </Space>
                <Button htmlType="submit" type="primary" icon={<PlusOutlined />} loading={create.isPending}>
                  {t('products.add')}
                </Button>
              </Form>
            </Card>
          )}
        </Col>
        <Col xs={24} md={14}>
          {one.data && (
            <Card
              title={one.data.name}
              extra={
                mayEdit &&
                !!me &&
                can(me, 'products', 'delete') && (
                  <Popconfirm
                    title={t('products.confirmDelete')}
                    onConfirm={() => remove.mutate(one.data!.id)}
                  >
                    <Button danger icon={<DeleteOutlined />} />
                  </Popconfirm>
                )
              }
            >
              {mayEdit && (
                <Select
                  showSearch
                  style={{ width: '100%', marginBottom: 12 }}
                  placeholder={t('products.priceLists.addProduct')}
                  filterOption={false}
                  onSearch={setSearch}
                  value={null}
                  options={(found.data?.items ?? [])
                    .filter((p) => !lines.some((l) => l.productId === p.id))
                    .map((p) => ({ value: p.id, label: `${p.sku} ${p.name}` }))}
                  onChange={(id: string) => {
                    const p = found.data?.items.find((x) => x.id === id);
                    if (p)
                      setLines([
                        ...lines,
                        {
                          productId: p.id,
                          sku: p.sku,
                          name: p.name,
                          listPrice: p.listPrice,
                          price: p.listPrice,
                        },
                      ]);
                  }}
                />
              )}
              <Table<Line>
                rowKey="productId"
                size="small"
                pagination={false}
                dataSource={lines}
                columns={[
                  { title: t('products.field.sku'), dataIndex: 'sku' },
                  { title: t('products.field.name'), dataIndex: 'name' },
                  { title: t('products.field.listPrice'), dataIndex: 'listPrice', align: 'right' },
                  {
                    title: t('products.priceLists.price'),
                    dataIndex: 'price',
                    render: (v: string, r) =>
                      mayEdit ? (
                        <Input
                          value={v}
                          inputMode="decimal"
                          style={{ width: 120 }}
                          onChange={(e) =>
                            setLines(
                              lines.map((l) =>
                                l.productId === r.productId ? { ...l, price: e.target.value } : l,
                              ),
                            )
                          }
                        />
                      ) : (
                        v
                      ),
                  },
                  {
                    render: (_, r) =>
                      mayEdit && (
                        <Button
                          size="small"
                          type="text"
                          icon={<DeleteOutlined />}
                          onClick={() => setLines(lines.filter((l) => l.productId !== r.productId))}
                        />
                      ),
                  },
                ]}
              />
              {mayEdit && (
                <Button
                  type="primary"
                  style={{ marginTop: 12 }}
                  loading={saveItems.isPending}
                  onClick={() => saveItems.mutate()}
                >
                  {t('products.save')}
                </Button>
              )}
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
