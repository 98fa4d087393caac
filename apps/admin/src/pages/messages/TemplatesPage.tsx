import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '@regulars/contracts';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { useSession } from '../../session';
import { useApiGet } from '../../use-api';
import { cleanVariants, TemplateDrawer } from './TemplateDrawer';

/** Message templates: who may send sees them; who manages templates edits them. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const session = useSession();
  const canEdit = session.can('templates.manage');
  const list = useApiGet<{ items: Template[] }>('/messaging/templates');
  const [open, setOpen] = useState<Template | 'new' | null>(null);

  const save = async (v: Parameters<Parameters<typeof TemplateDrawer>[0]['onSubmit']>[0]) => {
    const body = { name: v.name, category: v.category, variants: cleanVariants(v.variants ?? {}) };
    if (open === 'new') await api.post('/messaging/templates', body);
    else if (open)
      await api.put(`/messaging/templates/${open.templateId}`, {
        ...body,
        active: v.active,
        version: open.version,
      });
    message.success(t('common.saved'));
    list.reload();
  };

  return (
    <Page
      title={t('messaging.nav.templates')}
      description={t('messaging.templates.description')}
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('new')}>
            {t('messaging.templates.add')}
          </Button>
        )
      }
    >
      <ErrorAlert error={list.error} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Template>
          rowKey="templateId"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(x) => ({
            onClick: () => canEdit && setOpen(x),
            style: { cursor: canEdit ? 'pointer' : undefined },
          })}
          columns={[
            { title: t('messaging.templates.name'), dataIndex: 'name' },
            {
              title: t('messaging.templates.category'),
              render: (_, x) => t(`messaging.category.${x.category}`),
            },
            {
              title: t('messaging.templates.languages'),
              render: (_, x) => (
                <Space size={4}>
                  {Object.keys(x.variants).map((l) => (
                    <Tag key={l}>{l}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('common.status'),
              render: (_, x) =>
                x.active ? (
                  <Tag color="green">{t('common.active')}</Tag>
                ) : (
                  <Tag>{t('common.inactive')}</Tag>
                ),
            },
            {
              title: t('messaging.templates.updated'),
              render: (_, x) => formatDateTime(x.updatedAt, lang),
            },
          ]}
        />
      </Card>
      <TemplateDrawer template={open} onClose={() => setOpen(null)} onSubmit={save} />
    </Page>
  );
}
