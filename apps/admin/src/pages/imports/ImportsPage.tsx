import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportView } from '@regulars/contracts';
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

const KINDS: ImportKind[] = ['members', 'products', 'purchases'];

/**
 * Import members (Excel, CSV or phone contacts), products or purchases (Excel or CSV): choose
 * what to import, upload, map columns, dry run, import.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const history = useApiGet<{ items: ImportView[] }>('/imports');
  const [current, setCurrent] = useState<ImportView | null>(null);
  const [kind, setKind] = useState<ImportKind>('members');
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      setCurrent(
        await api.upload<ImportView>(`/imports${query({ fileName: file.name, kind })}`, file),
      );
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
              href={`/api/imports/template${query({ format: f, kind })}`}
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
          <Card size="small">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text>{t('imports.kindLabel')}</Typography.Text>
                <Segmented<ImportKind>
                  value={kind}
                  onChange={setKind}
                  data-testid="import-kind"
                  options={KINDS.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))}
                />
              </Space>
              <Typography.Text type="secondary">{t(`imports.kindHelp.${kind}`)}</Typography.Text>
              <Upload.Dragger
                accept={kind === 'members' ? '.xlsx,.csv,.txt,.vcf' : '.xlsx,.csv,.txt'}
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
            </Space>
          </Card>
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
              {
                title: t('imports.kindLabel'),
                dataIndex: 'kind',
                width: 100,
                render: (k: ImportKind) => t(`imports.kinds.${k}`),
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
