import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ApiKey as ApiKeySchema,
  ApiKeyCreated,
  PERMISSION_LABELS,
  type Store,
} from '@regulars/contracts';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { toApiError, useApiGet } from '../../use-api';
import { ApiKeyDrawer, type ApiKeyFields } from './ApiKeyDrawer';
import { SecretModal } from './SecretModal';

type ApiKey = ReturnType<typeof ApiKeySchema.parse>;
type Created = ReturnType<typeof ApiKeyCreated.parse>;

/** Keys for the point of sale, the online shop and other systems. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const keys = useApiGet<ApiKey[]>('/api-keys');
  const stores = useApiGet<Store[]>('/stores');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const storeName = (id: string | null) =>
    id ? (stores.data?.find((s) => s.storeId === id)?.name ?? id) : t('staff.allStores');

  const create = async (v: ApiKeyFields) => {
    setCreated(await api.post<Created>('/api-keys', { ...v, storeId: v.storeId ?? null }));
    keys.reload();
  };
  const revoke = async (k: ApiKey) => {
    try {
      await api.delete(`/api-keys/${k.apiKeyId}`);
      message.success(t('apiKeys.revoked'));
      keys.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };

  return (
    <Page
      title={t('nav.apiKeys')}
      description={t('apiKeys.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('apiKeys.add')}
        </Button>
      }
    >
      <ErrorAlert error={keys.error} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ApiKey>
          rowKey="apiKeyId"
          loading={keys.loading}
          dataSource={keys.data ?? []}
          pagination={false}
          columns={[
            { title: t('apiKeys.name'), dataIndex: 'name' },
            {
              title: t('apiKeys.prefix'),
              render: (_, k) => <Typography.Text code>{k.prefix}…</Typography.Text>,
            },
            { title: t('apiKeys.store'), render: (_, k) => storeName(k.storeId) },
            {
              title: t('roles.permissions'),
              render: (_, k) => (
                <Space size={[4, 4]} wrap>
                  {k.permissions.map((p) => (
                    <Tag key={p}>{PERMISSION_LABELS[p][lang]}</Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('apiKeys.created'), render: (_, k) => formatDateTime(k.createdAt, lang) },
            {
              title: t('apiKeys.lastUsed'),
              render: (_, k) =>
                k.lastUsedAt ? formatDateTime(k.lastUsedAt, lang) : t('apiKeys.neverUsed'),
            },
            {
              title: t('common.status'),
              render: (_, k) =>
                k.revokedAt ? (
                  <Tag>{t('apiKeys.revokedTag')}</Tag>
                ) : (
                  <Tag color="green">{t('common.active')}</Tag>
                ),
            },
            {
              title: t('common.actions'),
              width: 110,
              render: (_, k) =>
                !k.revokedAt && (
                  <Popconfirm title={t('apiKeys.revokeConfirm')} onConfirm={() => revoke(k)}>
                    <Button type="link" danger icon={<StopOutlined />}>
                      {t('apiKeys.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <ApiKeyDrawer
        open={creating}
        stores={stores.data ?? []}
        onClose={() => setCreating(false)}
        onSubmit={create}
      />
      <SecretModal created={created} onClose={() => setCreated(null)} />
    </Page>
  );
}
