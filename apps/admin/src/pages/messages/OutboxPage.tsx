import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delivery, TenantSettings } from '@regulars/contracts';
import { api, query, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { toApiError, useApiGet } from '../../use-api';
import { DeliveryTable } from './DeliveryTable';

type Status = { channels: { channel: Delivery['channel']; live: boolean }[] };
type Loaded = { key: string; items: Delivery[]; nextCursor: string | null };
type Filter = { state?: Delivery['state']; channel?: Delivery['channel']; development?: 'true' };
const STATES: Delivery['state'][] = [
  'queued',
  'held',
  'sent',
  'delivered',
  'bounced',
  'failed',
  'suppressed',
];
const CHANNELS: Delivery['channel'][] = ['email', 'sms', 'webhook'];

/**
 * Every message and what became of it. In development mode (no SMTP server or SMS gateway
 * configured) this is where the messages — sign-in codes included — can be read.
 */
export function OutboxPage() {
  const { t } = useTranslation();
  const status = useApiGet<Status>('/messaging/status');
  const settings = useApiGet<TenantSettings>('/settings');
  const [filter, setFilter] = useState<Filter>({});
  const [tick, setTick] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>({ key: '', items: [], nextCursor: null });
  const [error, setError] = useState<ApiError | null>(null);
  const key = JSON.stringify([filter, tick]);

  useEffect(() => {
    let live = true;
    api.get<Loaded>(`/messaging/deliveries${query({ ...filter, limit: 50 })}`).then(
      (r) => live && (setLoaded({ key, items: r.items, nextCursor: r.nextCursor }), setError(null)),
      (e: unknown) => live && setError(toApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [filter, key]);

  const more = async () => {
    if (!loaded.nextCursor) return;
    try {
      const r = await api.get<Loaded>(
        `/messaging/deliveries${query({ ...filter, limit: 50, cursor: loaded.nextCursor })}`,
      );
      setLoaded((l) => ({ ...l, items: [...l.items, ...r.items], nextCursor: r.nextCursor }));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const dev = (status.data?.channels ?? [])
    .filter((c) => !c.live)
    .map((c) => t(`messaging.channel.${c.channel}`));
  return (
    <Page title={t('messaging.nav.outbox')} description={t('messaging.outbox.description')}>
      {status.data && (
        <Alert
          data-testid="outbox-mode"
          style={{ marginBottom: 16 }}
          type={dev.length ? 'warning' : 'success'}
          showIcon
          title={
            dev.length
              ? t('messaging.outbox.devMode', { channels: dev.join(t('common.listSeparator')) })
              : t('messaging.outbox.allLive')
          }
        />
      )}
      <ErrorAlert error={error} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            allowClear
            data-testid="outbox-state"
            aria-label={t('common.status')}
            placeholder={t('messaging.outbox.allStates')}
            style={{ minWidth: 160 }}
            value={filter.state}
            onChange={(v?: Delivery['state']) => setFilter((f) => ({ ...f, state: v }))}
            options={STATES.map((s) => ({ value: s, label: t(`messaging.state.${s}`) }))}
          />
          <Select
            allowClear
            aria-label={t('messaging.send.channel')}
            placeholder={t('messaging.outbox.allChannels')}
            style={{ minWidth: 160 }}
            value={filter.channel}
            onChange={(v?: Delivery['channel']) => setFilter((f) => ({ ...f, channel: v }))}
            options={CHANNELS.map((c) => ({ value: c, label: t(`messaging.channel.${c}`) }))}
          />
          <Checkbox
            checked={filter.development === 'true'}
            onChange={(e) =>
              setFilter((f) => ({ ...f, development: e.target.checked ? 'true' : undefined }))
            }
          >
            {t('messaging.outbox.devOnly')}
          </Checkbox>
          <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)}>
            {t('common.refresh')}
          </Button>
        </Flex>
        <DeliveryTable
          items={loaded.items}
          loading={loaded.key !== key}
          showMember
          timeZone={settings.data?.timeZone}
        />
        {loaded.nextCursor && (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button onClick={() => void more()}>{t('messaging.outbox.loadMore')}</Button>
          </Flex>
        )}
      </Card>
    </Page>
  );
}
