import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '@regulars/contracts';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { currentLanguage } from '../../i18n';
import { useApiGet } from '../../use-api';
import { CustomFieldDrawer, toCustomFieldBody, type CustomFieldFields } from './CustomFieldDrawer';

/** The business's own member fields, shown in the member form by type. */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const fields = useApiGet<CustomField[]>('/custom-fields');
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);

  const save = async (v: CustomFieldFields) => {
    if (editing === 'new')
      await api.post<CustomField>('/custom-fields', toCustomFieldBody(v, null));
    else if (editing)
      await api.put<CustomField>(`/custom-fields/${editing.key}`, toCustomFieldBody(v, editing));
    message.success(t('common.saved'));
    fields.reload();
  };

  return (
    <Page
      title={t('nav.customFields')}
      description={t('customFields.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('customFields.add')}
        </Button>
      }
    >
      <ErrorAlert error={fields.error} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<CustomField>
          rowKey="key"
          loading={fields.loading}
          dataSource={fields.data ?? []}
          pagination={false}
          locale={{ emptyText: t('customFields.none') }}
          columns={[
            { title: t('customFields.label'), render: (_, f) => f.label[lang] },
            { title: t('customFields.key'), dataIndex: 'key' },
            {
              title: t('customFields.type'),
              dataIndex: 'type',
              render: (x: string) => t(`customFields.types.${x}`),
            },
            {
              title: t('customFields.options'),
              render: (_, f) => f.options.map((o) => <Tag key={o.value}>{o.label}</Tag>),
            },
            {
              title: t('customFields.required'),
              dataIndex: 'required',
              render: (r: boolean) => (r ? t('common.yes') : t('common.no')),
            },
            { title: t('customFields.position'), dataIndex: 'position', width: 80 },
            {
              title: t('common.status'),
              dataIndex: 'active',
              render: (a: boolean) =>
                a ? (
                  <Tag color="green">{t('common.active')}</Tag>
                ) : (
                  <Tag>{t('common.inactive')}</Tag>
                ),
            },
            {
              title: t('common.actions'),
              width: 100,
              render: (_, f) => (
                <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(f)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <CustomFieldDrawer field={editing} onClose={() => setEditing(null)} onSubmit={save} />
    </Page>
  );
}
