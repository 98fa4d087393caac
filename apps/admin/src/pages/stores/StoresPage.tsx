import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Store } from '@regulars/contracts';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useSessionApi } from '../../session';
import { useApiGet } from '../../use-api';
import { StoreDrawer, type StoreFields } from './StoreDrawer';

/** The business's stores (branches): add, rename, move, close. */
export function StoresPage() {
  const { t } = useTranslation();
  const { refresh } = useSessionApi();
  const stores = useApiGet<Store[]>('/stores');
  const [editing, setEditing] = useState<Store | 'new' | null>(null);

  const save = async (v: StoreFields) => {
    const body = { ...v, timeZone: v.timeZone || null };
    if (editing === 'new') await api.post<Store>('/stores', body);
    else if (editing)
      await api.put<Store>(`/stores/${editing.storeId}`, { ...body, version: editing.version });
    stores.reload();
    await refresh(); // the store switcher lists them
  };

  return (
    <Page
      title={t('nav.stores')}
      description={t('stores.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('stores.add')}
        </Button>
      }
    >
      <ErrorAlert error={stores.error} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Store>
          rowKey="storeId"
          loading={stores.loading}
          dataSource={stores.data ?? []}
          pagination={false}
          columns={[
            { title: t('stores.code'), dataIndex: 'code', width: 120 },
            { title: t('stores.name'), dataIndex: 'name' },
            { title: t('stores.address'), dataIndex: 'address' },
            { title: t('stores.phone'), dataIndex: 'phone', width: 140 },
            {
              title: t('stores.timeZone'),
              dataIndex: 'timeZone',
              render: (tz: string | null) => tz ?? t('stores.businessTimeZone'),
            },
            {
              title: t('common.status'),
              dataIndex: 'active',
              width: 100,
              render: (active: boolean) =>
                active ? (
                  <Tag color="green">{t('common.active')}</Tag>
                ) : (
                  <Tag>{t('common.inactive')}</Tag>
                ),
            },
            {
              title: t('common.actions'),
              width: 100,
              render: (_, s) => (
                <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(s)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <StoreDrawer store={editing} onClose={() => setEditing(null)} onSubmit={save} />
    </Page>
  );
}
