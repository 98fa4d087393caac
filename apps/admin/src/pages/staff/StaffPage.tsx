import { EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, Staff, Store } from '@regulars/contracts';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../format';
import { currentLanguage, LANGUAGE_NAMES } from '../../i18n';
import { roleLabel } from '../../layout/TopBar';
import { useApiGet } from '../../use-api';
import { StaffDrawer, toStaffBody, type StaffFields } from './StaffDrawer';

/** Staff accounts: who may sign in, with which role, in which stores. */
export function StaffPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const staff = useApiGet<Staff[]>('/staff');
  const roles = useApiGet<Role[]>('/roles');
  const stores = useApiGet<Store[]>('/stores');
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  const roleById = new Map((roles.data ?? []).map((r) => [r.roleId, r]));
  const storeById = new Map((stores.data ?? []).map((s) => [s.storeId, s]));

  const save = async (v: StaffFields) => {
    if (editing === 'new') await api.post<Staff>('/staff', toStaffBody(v, null));
    else if (editing) await api.put<Staff>(`/staff/${editing.staffId}`, toStaffBody(v, editing));
    message.success(t('common.saved'));
    staff.reload();
  };

  return (
    <Page
      title={t('nav.staff')}
      description={t('staff.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('staff.add')}
        </Button>
      }
    >
      <ErrorAlert error={staff.error ?? roles.error ?? stores.error} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Staff>
          rowKey="staffId"
          loading={staff.loading}
          dataSource={staff.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('staff.name'), dataIndex: 'name' },
            { title: t('staff.email'), dataIndex: 'email' },
            {
              title: t('staff.role'),
              render: (_, s) => {
                const r = roleById.get(s.roleId);
                return r ? roleLabel(r) : '';
              },
            },
            {
              title: t('staff.stores'),
              render: (_, s) =>
                s.storeIds === null
                  ? t('staff.allStores')
                  : s.storeIds
                      .map((id) => storeById.get(id)?.name ?? id)
                      .join(t('common.listSeparator')),
            },
            {
              title: t('staff.language'),
              render: (_, s) => (s.language ? LANGUAGE_NAMES[s.language] : t('staff.languageAuto')),
            },
            {
              title: t('common.status'),
              render: (_, s) => (
                <Space size={4}>
                  {s.active ? (
                    <Tag color="green">{t('common.active')}</Tag>
                  ) : (
                    <Tag>{t('common.inactive')}</Tag>
                  )}
                  {s.locked && (
                    <Tag color="red" icon={<LockOutlined />}>
                      {t('staff.locked')}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: t('staff.lastSignIn'),
              render: (_, s) =>
                s.lastSignInAt ? formatDateTime(s.lastSignInAt, lang) : t('staff.never'),
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
      <StaffDrawer
        staff={editing}
        roles={roles.data ?? []}
        stores={stores.data ?? []}
        onClose={() => setEditing(null)}
        onSubmit={save}
      />
    </Page>
  );
}
