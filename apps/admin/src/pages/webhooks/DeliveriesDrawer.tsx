import { RedoOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookDelivery, WebhookEndpoint } from '@regulars/contracts';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { toApiError, useApiGet } from '../../use-api';

type Page = { items: WebhookDelivery[]; nextCursor: string | null };
type Older = { after: Page | null; items: WebhookDelivery[]; cursor: string | null };

const STATE_COLORS = { pending: 'gold', succeeded: 'green', failed: 'red' } as const;

/** An endpoint's deliveries, newest first: what was sent, how it went, what happens next. */
export function DeliveriesDrawer(props: { endpoint: WebhookEndpoint | null; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const id = props.endpoint?.endpointId;
  const first = useApiGet<Page>(id ? `/webhooks/${id}/deliveries?limit=50` : null);
  // Older pages belong to the first page they follow: a reload starts again from the newest.
  const [loaded, setLoaded] = useState<Older>({ after: null, items: [], cursor: null });
  const older: Older =
    loaded.after === first.data
      ? loaded
      : { after: first.data, items: [], cursor: first.data?.nextCursor ?? null };
  const cursor = older.cursor;

  const more = async () => {
    try {
      const page = await api.get<Page>(`/webhooks/${id}/deliveries?limit=50&cursor=${cursor}`);
      setLoaded({
        after: first.data,
        items: [...older.items, ...page.items],
        cursor: page.nextCursor,
      });
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };
  const redeliver = async (d: WebhookDelivery) => {
    try {
      await api.post(`/webhook-deliveries/${d.deliveryId}/redeliver`);
      message.success(t('webhooks.redelivered'));
      first.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };

  return (
    <Drawer
      title={t('webhooks.deliveriesOf', { url: props.endpoint?.url ?? '' })}
      open={!!props.endpoint}
      onClose={props.onClose}
      size={980}
      destroyOnHidden
      extra={
        <Button icon={<ReloadOutlined />} onClick={first.reload}>
          {t('common.refresh')}
        </Button>
      }
    >
      <ErrorAlert error={first.error} />
      <Table<WebhookDelivery>
        rowKey="deliveryId"
        size="small"
        data-testid="webhook-deliveries"
        loading={first.loading}
        dataSource={[...(first.data?.items ?? []), ...older.items]}
        pagination={false}
        locale={{ emptyText: t('webhooks.noDeliveries') }}
        columns={[
          { title: t('webhooks.at'), render: (_, d) => formatDateTime(d.createdAt, lang) },
          {
            title: t('webhooks.eventType'),
            render: (_, d) => <Typography.Text code>{d.eventType}</Typography.Text>,
          },
          {
            title: t('webhooks.state'),
            render: (_, d) => (
              <Tag color={STATE_COLORS[d.state]}>{t(`webhooks.states.${d.state}`)}</Tag>
            ),
          },
          { title: t('webhooks.attempts'), dataIndex: 'attempts', width: 90 },
          {
            title: t('webhooks.lastResponse'),
            render: (_, d) =>
              d.lastStatus !== null ? (
                <Typography.Text code>HTTP {d.lastStatus}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{d.lastError ?? '—'}</Typography.Text>
              ),
          },
          {
            title: t('webhooks.nextRetry'),
            render: (_, d) => (d.nextAttemptAt ? formatDateTime(d.nextAttemptAt, lang) : '—'),
          },
          {
            title: t('common.actions'),
            width: 130,
            render: (_, d) => (
              <Button type="link" icon={<RedoOutlined />} onClick={() => redeliver(d)}>
                {t('webhooks.redeliver')}
              </Button>
            ),
          },
        ]}
      />
      {cursor && (
        <Space style={{ marginTop: 12 }}>
          <Button onClick={more}>{t('webhooks.loadMore')}</Button>
        </Space>
      )}
    </Drawer>
  );
}
