import { Form, Input, InputNumber, Select, Switch, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Category, Product } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';
import { minorDigits } from '../../format';
import { buildTree } from './category-tree';

export type ProductFields = {
  sku: string;
  name: string;
  price: number;
  categoryId?: string | null;
  tags?: string[];
  active: boolean;
};

/** The API body: the price typed in the currency's units becomes whole minor units. */
export function toProductBody(v: ProductFields, currency: string) {
  return {
    sku: v.sku.trim(),
    name: v.name.trim(),
    priceMinor: Math.round(v.price * 10 ** minorDigits(currency)),
    categoryId: v.categoryId ?? null,
    tags: v.tags ?? [],
    active: v.active,
  };
}

/** A product of the catalog: SKU, name, price, category, tags. */
export function ProductDrawer(props: {
  product: Product | 'new' | null;
  categories: Category[];
  currency: string;
  defaultCategoryId: string | null;
  readOnly: boolean;
  onClose(): void;
  onSubmit(v: ProductFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const p = props.product;
  const existing = p && p !== 'new' ? p : null;
  const digits = minorDigits(props.currency);
  return (
    <FormDrawer<ProductFields>
      title={existing ? t('products.edit') : t('products.add')}
      open={!!p}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      readOnly={props.readOnly}
      width={480}
      initialValues={
        existing
          ? { ...existing, price: existing.priceMinor / 10 ** digits }
          : { active: true, categoryId: props.defaultCategoryId, tags: [] }
      }
    >
      <Form.Item
        name="sku"
        label={t('products.sku')}
        extra={t('products.skuHelp')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('products.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="price"
        label={t('products.priceIn', { currency: props.currency })}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <InputNumber min={0} step={1} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="categoryId" label={t('products.category')}>
        <TreeSelect
          allowClear
          treeDefaultExpandAll
          placeholder={t('products.uncategorized')}
          treeData={buildTree(props.categories)}
        />
      </Form.Item>
      <Form.Item name="tags" label={t('products.tags')}>
        <Select mode="tags" tokenSeparators={[',', '，']} />
      </Form.Item>
      <Form.Item name="active" label={t('products.onSale')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDrawer>
  );
}
