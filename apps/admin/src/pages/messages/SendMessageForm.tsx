import { App, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Template } from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toApiError, useApiGet } from '../../use-api';

type Channel = 'email' | 'sms' | 'webhook';
type Values = {
  channel: Channel;
  category: 'transactional' | 'marketing';
  mode: 'template' | 'text';
  templateId?: string;
  subject?: string;
  text?: string;
};
type Preview = {
  language: string;
  to: string | null;
  subject: string | null;
  text: string;
  html: string | null;
};

const addressOf = (m: Member, c: Channel) =>
  c === 'email' ? m.email : c === 'sms' ? m.phone : m.memberId;

/** One message to one member, with a template or the staff member's own words. */
export function SendMessageForm(props: { member: Member; onSent(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const templates = useApiGet<{ items: Template[] }>('/messaging/templates');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const channel = Form.useWatch('channel', form) ?? 'sms';
  const mode = Form.useWatch('mode', form) ?? 'text';
  const missing = !addressOf(props.member, channel);

  const body = (v: Values) =>
    v.mode === 'template'
      ? { channel: v.channel, category: v.category, templateId: v.templateId }
      : {
          channel: v.channel,
          category: v.category,
          text: v.text,
          ...(v.subject ? { subject: v.subject } : {}),
        };

  const showPreview = async () => {
    const v = form.getFieldsValue();
    setError(null);
    try {
      const b = body(v);
      setPreview(
        await api.post<Preview>('/messaging/preview', {
          memberId: props.member.memberId,
          channel: b.channel,
          ...('templateId' in b
            ? { templateId: b.templateId }
            : { text: b.text ?? '', subject: b.subject }),
        }),
      );
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const send = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/members/${props.member.memberId}/messages`, body(v));
      message.success(t('messaging.send.sent'));
      form.resetFields(['text', 'subject']);
      setPreview(null);
      props.onSent();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const active = (templates.data?.items ?? []).filter((x) => x.active);
  return (
    <Card size="small" title={t('messaging.send.title')}>
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          channel: props.member.phone ? 'sms' : 'email',
          category: 'transactional',
          mode: 'text',
        }}
        onFinish={send}
        onValuesChange={() => setPreview(null)}
      >
        <Space wrap>
          <Form.Item name="channel" label={t('messaging.send.channel')}>
            <Radio.Group
              data-testid="send-channel"
              options={(['sms', 'email', 'webhook'] as const).map((c) => ({
                value: c,
                label: t(`messaging.channel.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('messaging.templates.category')}
            tooltip={t('messaging.categoryHelp')}
          >
            <Radio.Group
              options={(['transactional', 'marketing'] as const).map((c) => ({
                value: c,
                label: t(`messaging.category.${c}`),
              }))}
            />
          </Form.Item>
        </Space>
        {missing && (
          <Typography.Paragraph type="warning">
            {t('messaging.send.noAddress', { channel: t(`messaging.channel.${channel}`) })}
          </Typography.Paragraph>
        )}
        <Form.Item name="mode">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'text', label: t('messaging.send.freeText') },
              {
                value: 'template',
                label: t('messaging.send.template'),
                disabled: active.length === 0,
              },
            ]}
          />
        </Form.Item>
        {mode === 'template' ? (
          <Form.Item
            name="templateId"
            label={t('messaging.send.template')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select options={active.map((x) => ({ value: x.templateId, label: x.name }))} />
          </Form.Item>
        ) : (
          <>
            {channel === 'email' && (
              <Form.Item name="subject" label={t('messaging.send.subject')}>
                <Input maxLength={300} />
              </Form.Item>
            )}
            <Form.Item
              name="text"
              label={t('messaging.send.text')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Input.TextArea data-testid="send-text" rows={4} maxLength={2000} showCount />
            </Form.Item>
          </>
        )}
        <Space>
          <Button onClick={() => void showPreview()}>{t('messaging.send.preview')}</Button>
          <Button type="primary" htmlType="submit" loading={busy} disabled={missing}>
            {t('messaging.send.send')}
          </Button>
        </Space>
      </Form>
      {preview && (
        <Card size="small" style={{ marginTop: 12 }} data-testid="send-preview">
          {preview.subject && <Typography.Text strong>{preview.subject}</Typography.Text>}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {preview.text}
          </Typography.Paragraph>
        </Card>
      )}
    </Card>
  );
}
