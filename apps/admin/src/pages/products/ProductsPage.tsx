import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Input, Row, Space, Table, Tag, Tree } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, Product } from '@regulars/contracts';
import { api, query } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { useSession } from '../../session';
import { useCurrency } from '../../use-currency';
import { useApiGet } from '../../use-api';
import { CategoryDrawer, type CategoryFields } from './CategoryDrawer';
import { buildTree, categoryPath } from './category-tree';
import { ProductDrawer, toProductBody, type ProductFields } from './ProductDrawer';

type ProductPage = { items: Product[]; nextCursor: string | null };
const ALL = '__all__';

/** The product catalog: the category tree beside the products of the chosen category. */
export function ProductsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const lang = currentLanguage();
  const currency = useCurrency();
  const canEdit = session.can('settings.maintain');
  const categories = useApiGet<Category[]>('/product-categories');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(id);
  }, [text]);
  const path = `/products${query({ q, categoryId, limit: 100 })}`;
  const products = useApiGet<ProductPage>(path);
  const [more, setMore] = useState<{ path: string; items: Product[]; cursor: string | null }>({
    path: '',
    items: [],
    cursor: null,
  });
  const extra = more.path === path ? more : null;
  const items = [...(products.data?.items ?? []), ...(extra?.items ?? [])];
  const nextCursor = extra ? extra.cursor : products.data?.nextCursor;
  const [editingCategory, setEditingCategory] = useState<
    Category | { parentId: string | null } | null
  >(null);
  const [editingProduct, setEditingProduct] = useState<Product | 'new' | null>(null);
  const list = categories.data ?? [];
  const selected = list.find((c) => c.categoryId === categoryId) ?? null;

  const loadMore = async () => {
    if (!nextCursor) return;
    const page = await api.get<ProductPage>(
      `/products${query({ q, categoryId, limit: 100, cursor: nextCursor })}`,
    );
    setMore({ path, items: [...(extra?.items ?? []), ...page.items], cursor: page.nextCursor });
  };

  const saveCategory = async (v: CategoryFields) => {
    const body = { name: v.name, parentId: v.parentId ?? null, position: v.position ?? 0 };
    if (editingCategory && 'categoryId' in editingCategory)
      await api.put<Category>(`/product-categories/${editingCategory.categoryId}`, {
        ...body,
        version: editingCategory.version,
      });
    else {
      const c = await api.post<Category>('/product-categories', body);
      setCategoryId(c.categoryId);
    }
    message.success(t('common.saved'));
    categories.reload();
  };

  const saveProduct = async (v: ProductFields) => {
    const body = toProductBody(v, currency);
    if (editingProduct === 'new') await api.post<Product>('/products', body);
    else if (editingProduct)
      await api.patch<Product>(`/products/${editingProduct.productId}`, {
        ...body,
        version: editingProduct.version,
      });
    message.success(t('common.saved'));
    products.reload();
  };

  return (
    <Page
      title={t('nav.products')}
      description={t('products.description')}
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditingProduct('new')}>
            {t('products.add')}
          </Button>
        )
      }
    >
      <ErrorAlert error={categories.error ?? products.error} />
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Card
            title={t('products.categories')}
            size="small"
            extra={
              canEdit && (
                <Space size={0}>
                  {selected && (
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditingCategory(selected)}
                    >
                      {t('common.edit')}
                    </Button>
                  )}
                  <Button
                    type="link"
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => setEditingCategory({ parentId: categoryId })}
                    data-testid="add-category"
                  >
                    {t('products.addCategory')}
                  </Button>
                </Space>
              )
            }
          >
            <Tree
              blockNode
              defaultExpandAll
              key={list.length}
              selectedKeys={[categoryId ?? ALL]}
              onSelect={(keys) => {
                const k = keys[0];
                setCategoryId(k === undefined || k === ALL ? null : String(k));
              }}
              treeData={[{ key: ALL, title: t('products.allCategories') }, ...buildTree(list)]}
              data-testid="category-tree"
            />
          </Card>
        </Col>
        <Col xs={24} md={18}>
          <Card styles={{ body: { padding: 0 } }}>
            <Flex style={{ padding: 12 }}>
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t('products.search')}
                aria-label={t('products.search')}
                value={text}
                onChange={(e) => setText(e.target.value)}
                style={{ width: 300 }}
              />
            </Flex>
            <Table<Product>
              rowKey="productId"
              size="middle"
              loading={products.loading}
              dataSource={items}
              pagination={false}
              locale={{ emptyText: <Empty description={t('products.none')} /> }}
              columns={[
                { title: t('products.sku'), dataIndex: 'sku', width: 120 },
                { title: t('products.name'), dataIndex: 'name' },
                {
                  title: t('products.category'),
                  dataIndex: 'categoryId',
                  render: (id: string | null) => categoryPath(list, id),
                },
                {
                  title: t('products.price'),
                  dataIndex: 'priceMinor',
                  align: 'right',
                  width: 110,
                  render: (m: number) => formatMoney(m, currency, lang),
                },
                {
                  title: t('products.tags'),
                  dataIndex: 'tags',
                  render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>),
                },
                {
                  title: t('common.status'),
                  dataIndex: 'active',
                  width: 90,
                  render: (a: boolean) =>
                    a ? (
                      <Tag color="green">{t('products.onSale')}</Tag>
                    ) : (
                      <Tag>{t('products.offSale')}</Tag>
                    ),
                },
                {
                  title: t('common.actions'),
                  width: 90,
                  render: (_, p) => (
                    <Button
                      type="link"
                      icon={<EditOutlined />}
                      onClick={() => setEditingProduct(p)}
                    >
                      {canEdit ? t('common.edit') : t('common.view')}
                    </Button>
                  ),
                },
              ]}
            />
            {nextCursor && (
              <Flex justify="center" style={{ padding: 12 }}>
                <Button onClick={() => void loadMore()}>{t('products.loadMore')}</Button>
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
      <CategoryDrawer
        category={editingCategory}
        categories={list}
        onClose={() => setEditingCategory(null)}
        onSubmit={saveCategory}
      />
      <ProductDrawer
        product={editingProduct}
        categories={list}
        currency={currency}
        defaultCategoryId={categoryId}
        readOnly={!canEdit}
        onClose={() => setEditingProduct(null)}
        onSubmit={saveProduct}
      />
    </Page>
  );
}
