import { Alert, Checkbox, Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERMISSION_LABELS, PERMISSIONS, type Permission, type Role } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';
import { currentLanguage } from '../../i18n';
import { roleLabel } from '../../layout/TopBar';

export type RoleFields = { name: string; permissions: Permission[] };

export function RoleDrawer(props: {
  role: Role | 'new' | null;
  onClose(): void;
  onSubmit(v: RoleFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const r = props.role;
  const existing = r && r !== 'new' ? r : null;
  const readOnly = !!existing?.systemKey;
  return (
    <FormDrawer<RoleFields>
      title={existing ? (readOnly ? roleLabel(existing) : t('roles.edit')) : t('roles.add')}
      open={!!r}
      readOnly={readOnly}
      initialValues={
        existing
          ? { name: roleLabel(existing), permissions: existing.permissions }
          : { name: '', permissions: [] }
      }
      onClose={props.onClose}
      onSubmit={props.onSubmit}
    >
      {readOnly && (
        <Alert type="info" showIcon title={t('roles.builtInNote')} style={{ marginBottom: 16 }} />
      )}
      <Form.Item
        name="name"
        label={t('roles.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="permissions" label={t('roles.permissions')}>
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
