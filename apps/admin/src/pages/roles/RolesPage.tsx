import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERMISSION_LABELS, PERMISSIONS, type Role } from '@regulars/contracts';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { currentLanguage } from '../../i18n';
import { roleLabel } from '../../layout/TopBar';
import { toApiError, useApiGet } from '../../use-api';
import { RoleDrawer, type RoleFields } from './RoleDrawer';

/** Built-in roles (read-only) and custom roles made from the same permissions. */
export function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const roles = useApiGet<Role[]>('/roles');
  const [editing, setEditing] = useState<Role | 'new' | null>(null);

  const save = async (v: RoleFields) => {
    const body = {
      name: v.name,
      permissions: PERMISSIONS.filter((p) => v.permissions.includes(p)),
    };
    if (editing === 'new') await api.post<Role>('/roles', body);
    else if (editing)
      await api.put<Role>(`/roles/${editing.roleId}`, { ...body, version: editing.version });
    message.success(t('common.saved'));
    roles.reload();
  };
  const remove = async (r: Role) => {
    try {
      await api.delete(`/roles/${r.roleId}`);
      message.success(t('roles.deleted'));
      roles.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };

  return (
    <Page
      title={t('nav.roles')}
      description={t('roles.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('roles.add')}
        </Button>
      }
    >
      <ErrorAlert error={roles.error} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Role>
          rowKey="roleId"
          loading={roles.loading}
          dataSource={roles.data ?? []}
          pagination={false}
          columns={[
            {
              title: t('roles.name'),
              width: 220,
              render: (_, r) => (
                <Space>
                  {roleLabel(r)}
                  {r.systemKey && <Tag color="blue">{t('roles.builtIn')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('roles.permissions'),
              render: (_, r) => (
                <Space size={[4, 4]} wrap>
                  {r.permissions.map((p) => (
                    <Tag key={p}>{PERMISSION_LABELS[p][lang]}</Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('roles.staffCount'), dataIndex: 'staffCount', width: 100, align: 'right' },
            {
              title: t('common.actions'),
              width: 170,
              render: (_, r) =>
                r.systemKey ? (
                  <Button type="link" icon={<EyeOutlined />} onClick={() => setEditing(r)}>
                    {t('common.view')}
                  </Button>
                ) : (
                  <Space size={0}>
                    <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(r)}>
                      {t('common.edit')}
                    </Button>
                    <Popconfirm title={t('roles.deleteConfirm')} onConfirm={() => remove(r)}>
                      <Button type="link" danger icon={<DeleteOutlined />}>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <RoleDrawer role={editing} onClose={() => setEditing(null)} onSubmit={save} />
    </Page>
  );
}
