import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportView } from '@regulars/contracts';
import { api, query } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatMinute } from '../../format';
import { currentLanguage } from '../../i18n';
import { toApiError, useApiGet } from '../../use-api';
import { ImportRun } from './ImportRun';

const STATUS_COLORS = {
  uploaded: 'default',
  queued: 'blue',
  running: 'blue',
  done: 'green',
  failed: 'red',
} as const;

/** Import members from Excel, CSV or phone contacts: upload, map columns, dry run, import. */
export function ImportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const history = useApiGet<{ items: ImportView[] }>('/imports');
  const [current, setCurrent] = useState<ImportView | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      setCurrent(await api.upload<ImportView>(`/imports${query({ fileName: file.name })}`, file));
      history.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title={t('nav.imports')}
      description={t('imports.description')}
      extra={
        <Space>
          {(['xlsx', 'csv'] as const).map((f) => (
            <Button
              key={f}
              icon={<DownloadOutlined />}
              href={`/api/imports/template${query({ format: f })}`}
            >
              {t(`imports.template.${f}`)}
            </Button>
          ))}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {current ? (
          <ImportRun
            key={current.importId}
            initial={current}
            onClose={() => {
              setCurrent(null);
              history.reload();
            }}
          />
        ) : (
          <Upload.Dragger
            accept=".xlsx,.csv,.txt,.vcf"
            showUploadList={false}
            disabled={busy}
            customRequest={({ file }) => void upload(file as File)}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('imports.drop')}</p>
            <p className="ant-upload-hint">{t('imports.dropHint')}</p>
          </Upload.Dragger>
        )}
        <Card title={t('imports.history')} styles={{ body: { padding: 0 } }}>
          <ErrorAlert error={history.error} />
          <Table<ImportView>
            rowKey="importId"
            size="small"
            loading={history.loading}
            dataSource={history.data?.items ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('imports.none') }}
            onRow={(v) => ({ onClick: () => setCurrent(v), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('imports.time'),
                dataIndex: 'createdAt',
                width: 160,
                render: (at: string) => formatMinute(at, lang),
              },
              { title: t('imports.file'), dataIndex: 'fileName' },
              {
                title: t('common.status'),
                width: 160,
                render: (_, v) => (
                  <Space size={4}>
                    <Tag color={STATUS_COLORS[v.status]}>{t(`imports.statuses.${v.status}`)}</Tag>
                    {v.dryRun && v.status !== 'uploaded' && <Tag>{t('imports.dryRunTag')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('imports.result'),
                render: (_, v) =>
                  v.status === 'done' ? t('imports.counts', v.counts) : (v.error ?? ''),
              },
            ]}
          />
        </Card>
      </Space>
    </Page>
  );
}
