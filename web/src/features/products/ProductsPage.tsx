import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Image,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tree,
  Upload,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader, useApiFeedback, useDebouncedValue } from '../../ui';
import { can, useMe } from '../../app/session';
import { useDictionaries } from '../customization/customization.api';
import {
  categoriesKey,
  categoryTree,
  createCategory,
  createProduct,
  deleteCategory,
  deleteImage,
  deleteProduct,
  getProduct,
  imageUrl,
  listCategories,
  listProducts,
  productsKey,
  updateProduct,
  uploadImage,
  type Product,
  type ProductStatus,
} from './products.api';

const STATUS_COLOR: Record<ProductStatus, string> = {
  active: 'green',
  discontinued: 'default',
  draft: 'blue',
};
const FIELDS = [
  'sku',
  'name',
  'nameEn',
  'categoryId',
  'unit',
  'listPrice',
  'cost',
  'currency',
  'taxRate',
  'status',
  'productLine',
  'description',
];

/** 产品目录: the category tree on the left, the catalogue on the right, a drawer to edit a product and its images. */
export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const qc = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const dict = useDictionaries();
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ProductStatus | undefined>();
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [newCategory, setNewCategory] = useState('');
  const [form] = Form.useForm();
  const query = useDebouncedValue(q, 300);
  const mayEdit = !!me && can(me, 'products', 'update');
  const mayCreate = !!me && can(me, 'products', 'create');
  const en = i18n.language === 'en';

  const categories = useQuery({ queryKey: categoriesKey, queryFn: listCategories });
  const list = useQuery({
    queryKey: [...productsKey, 'list', categoryId, query, status],
    queryFn: () => listProducts({ categoryId, q: query || undefined, status }),
  });
  const detail = useQuery({
    queryKey: [...productsKey, 'one', editing && editing !== 'new' ? editing.id : null],
    queryFn: () => getProduct((editing as Product).id),
    enabled: !!editing && editing !== 'new',
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: productsKey });
    void qc.invalidateQueries({ queryKey: categoriesKey });
  };
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      editing === 'new'
        ? createProduct(v)
        : updateProduct((editing as Product).id, {
            ...v,
            version: detail.data?.version ?? (editing as Product).version,
          }),
    onSuccess: (p) => {
      showSuccess(t('products.saved'));
      setEditing(p);
      refresh();
    },
    onError: (e) => showError(e, form, FIELDS),
  });
  const remove = useMutation({
    mutationFn: deleteProduct,
    onSuccess: () => {
      setEditing(null);
      refresh();
    },
    onError: (e) => showError(e),
  });
  const addCategory = useMutation({
    mutationFn: () => createCategory({ name: newCategory, parentId: categoryId ?? null }),
    onSuccess: () => {
      setNewCategory('');
      refresh();
    },
    onError: (e) => showError(e),
  });
  const removeCategory = useMutation({
    mutationFn: deleteCategory,
    onSuccess: () => {
      setCategoryId(undefined);
      refresh();
    },
    onError: (e) => showError(e),
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadImage((editing as Product).id, file),
    onSuccess: () => void qc.invalidateQueries({ queryKey: productsKey }),
    onError: (e) => showError(e),
  });
  const dropImage = useMutation({
    mutationFn: (imageId: string) => deleteImage((editing as Product).id, imageId),
    onSuccess: () => void qc.invalidateQueries({ queryKey: productsKey }),
    onError: (e) => showError(e),
  });

  const open = (p: Product | 'new') => {
    setEditing(p);
    form.resetFields();
    form.setFieldsValue(
      p === 'new' ? { currency: 'CNY', taxRate: '13', unit: '件', status: 'active', categoryId } : p,
    );
  };
  const label = (c: { name: string; nameEn: string | null }) => (en && c.nameEn ? c.nameEn : c.name);
  const catOptions = (categories.data?.items ?? []).map((c) => ({
    value: c.id,
    label: `${'— '.repeat(c.depth)}${label(c)}`,
  }));
  const statusOptions = (['active', 'discontinued', 'draft'] as const).map((s) => ({
    value: s,
    label: t(`products.status.${s}`),
  }));

  const columns: TableProps<Product>['columns'] = [
    {
      title: t('products.field.sku'),
      dataIndex: 'sku',
      render: (v, p) => <a onClick={() => open(p)}>{v}</a>,
    },
    { title: t('products.field.name'), dataIndex: 'name', render: (v, p) => (en && p.nameEn ? p.nameEn : v) },
    { title: t('products.field.category'), dataIndex: 'categoryName' },
    { title: t('products.field.unit'), dataIndex: 'unit' },
    {
      title: t('products.field.listPrice'),
      dataIndex: 'listPrice',
      align: 'right',
      render: (v, p) => `${v} ${p.currency}`,
    },
    { title: t('products.field.cost'), dataIndex: 'cost', align: 'right', render: (v) => v ?? '—' },
    {
      title: t('products.field.status'),
      dataIndex: 'status',
      render: (s: ProductStatus) => <Tag color={STATUS_COLOR[s]}>{t(`products.status.${s}`)}</Tag>,
    },
    {
      title: t('products.field.productLine'),
      dataIndex: 'productLine',
      render: (v) => dict.labelOf('productLine', v) ?? v,
    },
  ];
  const current = detail.data ?? (editing && editing !== 'new' ? editing : null);

  return (
    <>
      <PageHeader
        title={t('products.title')}
        extra={
          <Space>
            <Link to="/products/price-lists">{t('products.nav.priceLists')}</Link>
            {mayCreate && <Link to="/imports/new?entity=products">{t('products.import')}</Link>}
            {mayCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
                {t('products.new')}
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Card size="small" title={t('products.categories')}>
            <Button type={categoryId ? 'link' : 'text'} onClick={() => setCategoryId(undefined)}>
              {t('products.allCategories')}
            </Button>
            <Tree
              defaultExpandAll
              selectedKeys={categoryId ? [categoryId] : []}
              treeData={categoryTree(categories.data?.items ?? [], (c) => `${label(c)} (${c.productCount})`)}
              onSelect={(keys) => setCategoryId(keys[0] as string | undefined)}
            />
            {mayCreate && (
              <Space.Compact style={{ marginTop: 8, width: '100%' }}>
                <Input
                  value={newCategory}
                  placeholder={t('products.newCategory')}
                  onChange={(e) => setNewCategory(e.target.value)}
                />
                <Button disabled={!newCategory.trim()} onClick={() => addCategory.mutate()}>
                  {t('products.add')}
                </Button>
              </Space.Compact>
            )}
            {categoryId && !!me && can(me, 'products', 'delete') && (
              <Popconfirm
                title={t('products.deleteCategory')}
                onConfirm={() => removeCategory.mutate(categoryId)}
              >
                <Button danger size="small" style={{ marginTop: 8 }} icon={<DeleteOutlined />}>
                  {t('products.deleteCategory')}
                </Button>
              </Popconfirm>
            )}
          </Card>
        </Col>
        <Col xs={24} md={18}>
          <Space style={{ marginBottom: 12 }} wrap>
            <Input.Search
              allowClear
              placeholder={t('products.search')}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              style={{ width: 260 }}
            />
            <Select
              allowClear
              placeholder={t('products.field.status')}
              options={statusOptions}
              value={status}
              onChange={setStatus}
              style={{ width: 140 }}
            />
          </Space>
          <Table
            rowKey="id"
            size="middle"
            loading={list.isLoading}
            columns={columns}
            dataSource={list.data?.items ?? []}
            pagination={false}
            footer={() => t('products.total', { count: list.data?.total ?? 0 })}
          />
        </Col>
      </Row>
      <Drawer
        width={560}
        open={!!editing}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('products.new') : current?.name}
        extra={
          editing !== 'new' && !!me && can(me, 'products', 'delete') && current ? (
            <Popconfirm title={t('products.confirmDelete')} onConfirm={() => remove.mutate(current.id)}>
              <Button danger icon={<DeleteOutlined />}>
                {t('products.delete')}
              </Button>
            </Popconfirm>
          ) : null
        }
      >
        <Form
          form={form}
          layout="vertical"
          disabled={editing === 'new' ? !mayCreate : !mayEdit}
          onFinish={(v) => save.mutate(v)}
        >
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="sku" label={t('products.field.sku')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="status" label={t('products.field.status')}>
                <Select options={statusOptions} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="name" label={t('products.field.name')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="nameEn" label={t('products.field.nameEn')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="categoryId" label={t('products.field.category')}>
                <Select allowClear options={catOptions} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="productLine" label={t('products.field.productLine')}>
                <Select allowClear options={dict.options('productLine')} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="unit" label={t('products.field.unit')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="currency" label={t('products.field.currency')}>
                <Select options={['CNY', 'USD', 'EUR', 'HKD', 'JPY'].map((c) => ({ value: c, label: c }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="taxRate" label={t('products.field.taxRate')}>
                <Input suffix="%" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="listPrice" label={t('products.field.listPrice')}>
                <Input inputMode="decimal" />
              </Form.Item>
            </Col>
            {(editing === 'new' || current?.cost !== null || !current) && (
              <Col span={12}>
                <Form.Item name="cost" label={t('products.field.cost')}>
                  <Input inputMode="decimal" />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Form.Item name="description" label={t('products.field.description')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('products.save')}
          </Button>
        </Form>
        {current && editing !== 'new' && (
          <Card size="small" title={t('products.images')} style={{ marginTop: 16 }}>
            <Space wrap>
              {(current.images ?? []).map((img) => (
                <Space key={img.id} direction="vertical" align="center">
                  <Image
                    width={96}
                    height={96}
                    style={{ objectFit: 'cover' }}
                    src={imageUrl(current.id, img.id)}
                    alt={img.fileName}
                  />
                  {mayEdit && (
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => dropImage.mutate(img.id)}
                    />
                  )}
                </Space>
              ))}
            </Space>
            {mayEdit && (
              <Upload
                accept="image/jpeg,image/png,image/webp"
                showUploadList={false}
                beforeUpload={(f) => {
                  upload.mutate(f);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={upload.isPending} style={{ marginTop: 8 }}>
                  {t('products.uploadImage')}
                </Button>
              </Upload>
            )}
          </Card>
        )}
      </Drawer>
    </>
  );
}
