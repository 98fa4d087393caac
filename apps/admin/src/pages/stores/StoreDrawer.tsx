import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { StoreCreate, type Store } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';
import { schemaRule } from '../../components/rules';
import { timeZoneOptions } from '../settings/options';

export type StoreFields = {
  code: string;
  name: string;
  address: string;
  phone: string;
  timeZone: string | null;
  active: boolean;
};

export function StoreDrawer(props: {
  store: Store | 'new' | null;
  onClose(): void;
  onSubmit(v: StoreFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const s = props.store;
  const initial: Partial<StoreFields> =
    s && s !== 'new'
      ? s
      : { code: '', name: '', address: '', phone: '', timeZone: null, active: true };
  return (
    <FormDrawer<StoreFields>
      title={s === 'new' ? t('stores.add') : t('stores.edit')}
      open={!!s}
      initialValues={initial}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
    >
      <Form.Item
        name="code"
        label={t('stores.code')}
        extra={t('stores.codeHelp')}
        rules={[
          { required: true, message: t('form.required') },
          schemaRule(StoreCreate.shape.code, t('stores.codeInvalid')),
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('stores.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="address" label={t('stores.address')}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label={t('stores.phone')}>
        <Input />
      </Form.Item>
      <Form.Item name="timeZone" label={t('stores.timeZone')} extra={t('stores.timeZoneHelp')}>
        <Select
          allowClear
          showSearch
          options={timeZoneOptions()}
          placeholder={t('stores.businessTimeZone')}
        />
      </Form.Item>
      <Form.Item name="active" label={t('common.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDrawer>
  );
}
