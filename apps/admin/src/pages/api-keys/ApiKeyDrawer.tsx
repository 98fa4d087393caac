import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERMISSION_LABELS, PERMISSIONS, type Permission, type Store } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';
import { currentLanguage } from '../../i18n';

export type ApiKeyFields = { name: string; storeId?: string | null; permissions: Permission[] };

export function ApiKeyDrawer(props: {
  open: boolean;
  stores: Store[];
  onClose(): void;
  onSubmit(v: ApiKeyFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <FormDrawer<ApiKeyFields>
      title={t('apiKeys.add')}
      open={props.open}
      initialValues={{ name: '', permissions: [] }}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
    >
      <Form.Item
        name="name"
        label={t('apiKeys.name')}
        extra={t('apiKeys.nameHelp')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="storeId" label={t('apiKeys.store')} extra={t('apiKeys.storeHelp')}>
        <Select
          allowClear
          placeholder={t('staff.allStores')}
          options={props.stores.map((s) => ({ value: s.storeId, label: s.name }))}
        />
      </Form.Item>
      <Form.Item
        name="permissions"
        label={t('roles.permissions')}
        rules={[
          { required: true, type: 'array', min: 1, message: t('apiKeys.permissionsRequired') },
        ]}
      >
        <Checkbox.Group style={{ width: '100%' }}>
          <Row gutter={[8, 8]}>
            {PERMISSIONS.map((p) => (
              <Col span={12} key={p}>
                <Checkbox value={p}>{PERMISSION_LABELS[p][lang]}</Checkbox>
              </Col>
            ))}
          </Row>
        </Checkbox.Group>
      </Form.Item>
    </FormDrawer>
  );
}
