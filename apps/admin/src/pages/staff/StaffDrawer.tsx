import { Checkbox, Form, Input, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  Email,
  LANGUAGES,
  Password,
  type Language,
  type Role,
  type Staff,
  type Store,
} from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';
import { schemaRule } from '../../components/rules';
import { LANGUAGE_NAMES } from '../../i18n';
import { roleLabel } from '../../layout/TopBar';

export type StaffFields = {
  name: string;
  email: string;
  roleId: string;
  storeScope: 'all' | 'some';
  storeIds?: string[];
  phoneExtension?: string;
  language: Language | 'auto';
  active: boolean;
  password?: string;
  unlock?: boolean;
};

/** The API body from the form: all stores is `null`, blank fields are `null`. */
export function toStaffBody(v: StaffFields, existing: Staff | null) {
  const body = {
    name: v.name,
    email: v.email,
    roleId: v.roleId,
    storeIds: v.storeScope === 'all' ? null : (v.storeIds ?? []),
    phoneExtension: v.phoneExtension?.trim() || null,
    language: v.language === 'auto' ? null : v.language,
  };
  if (!existing) return { ...body, password: v.password };
  return {
    ...body,
    active: v.active,
    version: existing.version,
    ...(v.password ? { password: v.password } : {}),
    ...(v.unlock ? { unlock: true } : {}),
  };
}

export function StaffDrawer(props: {
  staff: Staff | 'new' | null;
  roles: Role[];
  stores: Store[];
  onClose(): void;
  onSubmit(v: StaffFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const s = props.staff;
  const existing = s && s !== 'new' ? s : null;
  const required = { required: true, whitespace: true, message: t('form.required') };
  const initial: Partial<StaffFields> = existing
    ? {
        ...existing,
        storeScope: existing.storeIds === null ? 'all' : 'some',
        storeIds: existing.storeIds ?? [],
        phoneExtension: existing.phoneExtension ?? '',
        language: existing.language ?? 'auto',
      }
    : { storeScope: 'all', language: 'auto', active: true };
  return (
    <FormDrawer<StaffFields>
      title={existing ? t('staff.edit') : t('staff.add')}
      open={!!s}
      initialValues={initial}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
    >
      <Form.Item name="name" label={t('staff.name')} rules={[required]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('staff.email')}
        rules={[required, schemaRule(Email, t('form.emailInvalid'))]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="roleId"
        label={t('staff.role')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select options={props.roles.map((r) => ({ value: r.roleId, label: roleLabel(r) }))} />
      </Form.Item>
      <Form.Item name="storeScope" label={t('staff.stores')}>
        <Radio.Group
          options={[
            { value: 'all', label: t('staff.allStores') },
            { value: 'some', label: t('staff.someStores') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['storeScope']}>
        {({ getFieldValue }) =>
          getFieldValue('storeScope') === 'some' && (
            <Form.Item
              name="storeIds"
              rules={[{ required: true, message: t('staff.storesRequired') }]}
            >
              <Select
                mode="multiple"
                aria-label={t('staff.stores')}
                options={props.stores.map((st) => ({ value: st.storeId, label: st.name }))}
              />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item
        name="phoneExtension"
        label={t('staff.phoneExtension')}
        extra={t('staff.phoneExtensionHelp')}
      >
        <Input style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="language" label={t('staff.language')}>
        <Select
          options={[
            { value: 'auto', label: t('staff.languageAuto') },
            ...LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })),
          ]}
        />
      </Form.Item>
      {existing && (
        <Form.Item name="active" label={t('common.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
      <Form.Item
        name="password"
        label={existing ? t('staff.resetPassword') : t('staff.password')}
        extra={existing ? t('staff.resetPasswordHelp') : t('form.passwordHelp')}
        rules={[...(existing ? [] : [required]), schemaRule(Password, t('form.passwordInvalid'))]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {existing?.locked && (
        <Form.Item name="unlock" valuePropName="checked">
          <Checkbox>{t('staff.unlock')}</Checkbox>
        </Form.Item>
      )}
    </FormDrawer>
  );
}
