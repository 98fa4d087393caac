import { Form, Input, InputNumber, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Category } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';
import { buildTree } from './category-tree';

export type CategoryFields = { name: string; parentId?: string | null; position?: number };

/** A product category: its name and where it sits in the tree. */
export function CategoryDrawer(props: {
  category: Category | { parentId: string | null } | null;
  categories: Category[];
  onClose(): void;
  onSubmit(v: CategoryFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const c = props.category;
  const existing = c && 'categoryId' in c ? c : null;
  // A category cannot move under itself or its descendants.
  const choices = props.categories.filter(
    (x) =>
      !existing || (x.categoryId !== existing.categoryId && !x.path.includes(existing.categoryId)),
  );
  return (
    <FormDrawer<CategoryFields>
      title={existing ? t('products.editCategory') : t('products.addCategory')}
      open={!!c}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      width={420}
      initialValues={
        existing
          ? { name: existing.name, parentId: existing.parentId, position: existing.position }
          : { parentId: c?.parentId ?? null, position: 0 }
      }
    >
      <Form.Item
        name="name"
        label={t('products.categoryName')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="parentId" label={t('products.parent')}>
        <TreeSelect
          allowClear
          treeDefaultExpandAll
          placeholder={t('products.topLevel')}
          treeData={buildTree(choices)}
        />
      </Form.Item>
      <Form.Item name="position" label={t('products.position')} extra={t('products.positionHelp')}>
        <InputNumber min={0} max={10_000} />
      </Form.Item>
    </FormDrawer>
  );
}
