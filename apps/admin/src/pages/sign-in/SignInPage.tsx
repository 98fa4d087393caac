import { LockOutlined, MailOutlined, ShopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { AuthShell } from '../../components/AuthShell';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSessionApi, type SignInPrefill } from '../../session';
import { toApiError } from '../../use-api';

const LAST_BUSINESS = 'regulars.admin.businessCode';

type Fields = { businessCode: string; email: string; password: string };

function lastBusinessCode(): string {
  try {
    return localStorage.getItem(LAST_BUSINESS) ?? '';
  } catch {
    return '';
  }
}

/** Staff sign in with their business code, email and password. */
export function SignInPage({ prefill, expired }: { prefill?: SignInPrefill; expired?: boolean }) {
  const { t } = useTranslation();
  const { begin } = useSessionApi();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Fields) => {
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<Session>('/auth/sign-in', v);
      try {
        localStorage.setItem(LAST_BUSINESS, v.businessCode.trim());
      } catch {
        // Not remembered in private mode; nothing else depends on it.
      }
      begin(session);
    } catch (e) {
      setError(toApiError(e));
      setBusy(false);
    }
  };

  return (
    <AuthShell>
      <Card style={{ marginTop: 64, boxShadow: '0 6px 24px rgba(0,0,0,0.06)' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('signIn.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
        {expired && !error && (
          <Alert type="warning" showIcon title={t('signIn.expired')} style={{ marginBottom: 16 }} />
        )}
        <ErrorAlert error={error} />
        <Form<Fields>
          layout="vertical"
          requiredMark={false}
          initialValues={{
            businessCode: prefill?.businessCode ?? lastBusinessCode(),
            email: prefill?.email ?? '',
            password: prefill?.password ?? '',
          }}
          onFinish={submit}
        >
          <Form.Item
            name="businessCode"
            label={t('signIn.businessCode')}
            tooltip={t('signIn.businessCodeHelp')}
            rules={[
              { required: true, whitespace: true, message: t('signIn.businessCodeRequired') },
            ]}
          >
            <Input prefix={<ShopOutlined />} autoComplete="organization" size="large" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('signIn.email')}
            rules={[{ required: true, whitespace: true, message: t('signIn.emailRequired') }]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signIn.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </AuthShell>
  );
}
