import {
  EditOutlined,
  HistoryOutlined,
  KeyOutlined,
  PlusOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookDelivery, WebhookEndpoint } from '@regulars/contracts';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { toApiError, useApiGet } from '../../use-api';
import { DeliveriesDrawer } from './DeliveriesDrawer';
import { EndpointDrawer, type EndpointFields } from './EndpointDrawer';
import { WebhookSecretModal } from './WebhookSecretModal';

type WithSecret = { endpoint: WebhookEndpoint; secret: string };

/** The business's webhook endpoints: events out to its own systems, signed, with a log. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const endpoints = useApiGet<WebhookEndpoint[]>('/webhooks');
  const [drawer, setDrawer] = useState<{ editing: WebhookEndpoint | null } | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [log, setLog] = useState<WebhookEndpoint | null>(null);

  const save = async (v: EndpointFields) => {
    const editing = drawer?.editing;
    if (editing) {
      await api.put(`/webhooks/${editing.endpointId}`, { ...v, version: editing.version });
      message.success(t('common.saved'));
    } else {
      const made = await api.post<WithSecret>('/webhooks', v);
      setSecret({ url: made.endpoint.url, secret: made.secret });
    }
    endpoints.reload();
  };
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      message.error(toApiError(e).message);
    }
    endpoints.reload();
  };
  const rotate = (e: WebhookEndpoint) =>
    act(async () => {
      const made = await api.post<WithSecret>(`/webhooks/${e.endpointId}/rotate-secret`);
      setSecret({ url: made.endpoint.url, secret: made.secret });
    });
  const test = (e: WebhookEndpoint) =>
    act(async () => {
      const d = await api.post<WebhookDelivery>(`/webhooks/${e.endpointId}/test`);
      if (d.state === 'succeeded')
        message.success(t('webhooks.testSent', { status: d.lastStatus }));
      else
        message.warning(
          t('webhooks.testFailed', { error: d.lastError ?? `HTTP ${String(d.lastStatus)}` }),
        );
    });

  return (
    <Page
      title={t('webhooks.nav')}
      description={t('webhooks.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ editing: null })}>
          {t('webhooks.add')}
        </Button>
      }
    >
      <ErrorAlert error={endpoints.error} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<WebhookEndpoint>
          rowKey="endpointId"
          loading={endpoints.loading}
          dataSource={endpoints.data ?? []}
          pagination={false}
          locale={{ emptyText: t('webhooks.empty') }}
          columns={[
            {
              title: t('webhooks.url'),
              render: (_, e) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text code style={{ wordBreak: 'break-all' }}>
                    {e.url}
                  </Typography.Text>
                  {e.description && (
                    <Typography.Text type="secondary">{e.description}</Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('webhooks.eventTypes'),
              render: (_, e) => (
                <Tooltip title={e.eventTypes.join(', ')}>
                  <Tag>{t('webhooks.eventCount', { count: e.eventTypes.length })}</Tag>
                </Tooltip>
              ),
            },
            {
              title: t('common.status'),
              render: (_, e) =>
                e.active ? (
                  <Tag color="green">{t('webhooks.on')}</Tag>
                ) : (
                  <Tag>{t('webhooks.off')}</Tag>
                ),
            },
            {
              title: t('common.actions'),
              width: 420,
              render: (_, e) => (
                <Space size={0} wrap>
                  <Button
                    type="link"
                    icon={<EditOutlined />}
                    onClick={() => setDrawer({ editing: e })}
                  >
                    {t('common.edit')}
                  </Button>
                  <Button type="link" icon={<SendOutlined />} onClick={() => test(e)}>
                    {t('webhooks.test')}
                  </Button>
                  <Button type="link" icon={<HistoryOutlined />} onClick={() => setLog(e)}>
                    {t('webhooks.deliveries')}
                  </Button>
                  <Popconfirm title={t('webhooks.rotateConfirm')} onConfirm={() => rotate(e)}>
                    <Button type="link" icon={<KeyOutlined />}>
                      {t('webhooks.rotate')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('webhooks.docsHint')}
      </Typography.Paragraph>
      <EndpointDrawer
        open={!!drawer}
        editing={drawer?.editing ?? null}
        onClose={() => setDrawer(null)}
        onSubmit={save}
      />
      <WebhookSecretModal shown={secret} onClose={() => setSecret(null)} />
      <DeliveriesDrawer endpoint={log} onClose={() => setLog(null)} />
    </Page>
  );
}
