import { Button, Card, Col, Divider, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Email, LANGUAGES, Password, Slug, type Language, type Session } from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage, LANGUAGE_NAMES } from '../../i18n';
import { useSessionApi } from '../../session';
import { toApiError } from '../../use-api';
import {
  countryOptions,
  currencyOptions,
  regionDefaults,
  timeZoneOptions,
} from '../settings/options';
import { schemaRule } from '../../components/rules';

type Fields = {
  name: string;
  slug: string;
  defaultLanguage: Language;
  timeZone: string;
  currency: string;
  phoneCountry: string;
  adminName: string;
  email: string;
  password: string;
  confirm: string;
};

export function SetupForm() {
  const { t } = useTranslation();
  const { begin } = useSessionApi();
  const lang = currentLanguage();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Fields) => {
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<Session>('/setup', {
        business: {
          name: v.name,
          slug: v.slug,
          defaultLanguage: v.defaultLanguage,
          timeZone: v.timeZone,
          currency: v.currency,
          phoneCountry: v.phoneCountry,
        },
        admin: { name: v.adminName, email: v.email, password: v.password },
      });
      begin(session);
    } catch (e) {
      setError(toApiError(e));
      setBusy(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('form.required') };
  return (
    <Card title={t('setup.createTitle')}>
      <ErrorAlert error={error} />
      <Form<Fields>
        layout="vertical"
        onFinish={submit}
        initialValues={{ defaultLanguage: lang, ...regionDefaults(lang) }}
      >
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label={t('setup.businessName')} rules={[required]}>
              <Input placeholder={t('setup.businessNamePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="slug"
              label={t('setup.businessCode')}
              tooltip={t('setup.businessCodeHelp')}
              rules={[required, schemaRule(Slug, t('setup.businessCodeInvalid'))]}
            >
              <Input placeholder="hotpot" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="defaultLanguage" label={t('settings.defaultLanguage')}>
              <Select options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="timeZone" label={t('settings.timeZone')}>
              <Select showSearch options={timeZoneOptions()} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="currency" label={t('settings.currency')}>
              <Select showSearch options={currencyOptions(lang)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phoneCountry" label={t('settings.phoneCountry')}>
              <Select showSearch options={countryOptions(lang)} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
          {t('setup.adminTitle')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="adminName" label={t('setup.adminName')} rules={[required]}>
              <Input autoComplete="name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="email"
              label={t('setup.adminEmail')}
              rules={[required, schemaRule(Email, t('form.emailInvalid'))]}
            >
              <Input autoComplete="username" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="password"
              label={t('setup.password')}
              extra={t('form.passwordHelp')}
              rules={[required, schemaRule(Password, t('form.passwordInvalid'))]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="confirm"
              label={t('setup.confirmPassword')}
              dependencies={['password']}
              rules={[
                required,
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    v === getFieldValue('password')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('form.passwordMismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" size="large" loading={busy} block>
          {t('setup.submit')}
        </Button>
      </Form>
    </Card>
  );
}
