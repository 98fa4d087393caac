import { App, Alert, Button, Card, Form, Input, InputNumber, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { toApiError, useApiGet } from '../../use-api';
import { SmsGatewayCard } from './SmsGatewayCard';

type Settings = {
  capCount: number | null;
  capDays: number;
  emailFromName: string;
  emailReplyTo: string | null;
  webhookUrl: string | null;
  webhookSecretSet: boolean;
  version: number;
};
type Values = Omit<Settings, 'webhookSecretSet' | 'version'> & { webhookSecret?: string };

/** The frequency cap, the sender's name and reply-to, and the webhook endpoint of the business. */
export function MessagingSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const loaded = useApiGet<Settings>('/messaging/settings');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const s = loaded.data;

  const save = async (v: Values) => {
    if (!s) return;
    setBusy(true);
    setError(null);
    try {
      await api.put('/messaging/settings', {
        capCount: v.capCount ?? null,
        capDays: v.capDays,
        emailFromName: v.emailFromName ?? '',
        emailReplyTo: v.emailReplyTo || null,
        webhookUrl: v.webhookUrl || null,
        ...(v.webhookSecret ? { webhookSecret: v.webhookSecret } : {}),
        version: s.version,
      });
      message.success(t('common.saved'));
      loaded.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('messaging.nav.settings')} description={t('messaging.settings.description')}>
      <ErrorAlert error={error ?? loaded.error} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('messaging.settings.quietHours')}
      />
      <Card style={{ maxWidth: 640 }}>
        {!s ? (
          <Skeleton active />
        ) : (
          <Form<Values>
            layout="vertical"
            initialValues={{ ...s, webhookSecret: '' }}
            onFinish={save}
            key={s.version}
          >
            <Space align="start">
              <Form.Item
                name="capCount"
                label={t('messaging.settings.cap')}
                extra={t('messaging.settings.capHelp')}
              >
                <InputNumber min={1} max={1000} data-testid="settings-cap" />
              </Form.Item>
              <Form.Item
                name="capDays"
                label={t('messaging.settings.capDays')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <InputNumber min={1} max={365} />
              </Form.Item>
            </Space>
            <Form.Item name="emailFromName" label={t('messaging.settings.fromName')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="emailReplyTo"
              label={t('messaging.settings.replyTo')}
              rules={[{ type: 'email', message: t('form.emailInvalid') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="webhookUrl" label={t('messaging.settings.webhookUrl')}>
              <Input maxLength={500} placeholder="https://" />
            </Form.Item>
            <Form.Item
              name="webhookSecret"
              label={t('messaging.settings.webhookSecret')}
              extra={
                s.webhookSecretSet
                  ? `${t('messaging.settings.webhookSecretSet')} ${t('messaging.settings.webhookSecretHelp')}`
                  : t('messaging.settings.webhookSecretHelp')
              }
            >
              <Input.Password maxLength={200} autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Form>
        )}
      </Card>
      <SmsGatewayCard />
    </Page>
  );
}
