import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Progress,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField, ImportView } from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';
import { toApiError, useApiGet } from '../../use-api';
import { catalogFieldOptions, fieldOptions } from './fields';

type Reject = { row: number; column: string; value: string; reason: string; message: string };
const MATCH_BY = ['phone', 'email', 'card', 'external_id'] as const;

/** One import: map the columns, try it (dry run), import; progress, counts and rejected rows. */
export function ImportRun(props: { initial: ImportView; onClose(): void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const custom = useApiGet<CustomField[]>('/custom-fields');
  const [view, setView] = useState(props.initial);
  const [mapping, setMapping] = useState(props.initial.mapping);
  const [matchBy, setMatchBy] = useState(props.initial.matchBy ?? 'phone');
  const [error, setError] = useState<ApiError | null>(null);
  const [rejects, setRejects] = useState<Reject[]>([]);
  const running = view.status === 'queued' || view.status === 'running';
  const finished = view.status === 'done' || view.status === 'failed';
  const id = view.importId;

  // While it runs, read its progress every second.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void api.get<ImportView>(`/imports/${id}`).then(setView, (e: unknown) => {
        setError(toApiError(e));
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [running, id]);

  useEffect(() => {
    if (view.status !== 'done' || !view.counts.rejected) return;
    void api.get<{ items: Reject[] }>(`/imports/${id}/rejects?limit=200`).then(
      (r) => setRejects(r.items),
      (e: unknown) => setError(toApiError(e)),
    );
  }, [view.status, view.counts.rejected, id]);

  const start = async (dryRun: boolean) => {
    setError(null);
    setRejects([]);
    try {
      setView(await api.post<ImportView>(`/imports/${id}/start`, { mapping, matchBy, dryRun }));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const kind = view.kind;
  const options =
    kind === 'members' ? fieldOptions(t, lang, custom.data ?? []) : catalogFieldOptions(kind, lang);
  const sample = view.sample ?? props.initial.sample ?? [];
  const canStart = !running && (view.status === 'uploaded' || (finished && view.dryRun));

  return (
    <Card
      title={t('imports.runTitle', {
        file: view.fileName,
        kind: t(`imports.kinds.${view.kind}`),
      })}
      extra={<Button onClick={props.onClose}>{t('common.close')}</Button>}
      data-testid="import-run"
    >
      <ErrorAlert error={error} />
      {canStart && (
        <>
          <Typography.Paragraph type="secondary">
            {t(kind === 'members' ? 'imports.mappingHelp' : `imports.mappingHelpOf.${kind}`)}
          </Typography.Paragraph>
          <Table
            rowKey="index"
            size="small"
            pagination={false}
            dataSource={view.headers.map((h, index) => ({ h, index }))}
            columns={[
              { title: t('imports.column'), dataIndex: 'h', width: 180 },
              {
                title: t('imports.sample'),
                render: (_, r) =>
                  sample
                    .slice(0, 3)
                    .map((row) => row[r.index] ?? '')
                    .filter(Boolean)
                    .join(' · '),
              },
              {
                title: t('imports.field'),
                width: 240,
                render: (_, r) => (
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    style={{ width: '100%' }}
                    placeholder={t('imports.ignore')}
                    aria-label={r.h}
                    value={mapping[r.index] ?? undefined}
                    options={options}
                    onChange={(v: string | undefined) =>
                      setMapping((m) => m.map((x, i) => (i === r.index ? (v ?? null) : x)))
                    }
                  />
                ),
              },
            ]}
          />
          <Flex gap={12} align="center" wrap style={{ marginTop: 16 }}>
            {kind === 'members' && (
              <>
                <Typography.Text>{t('imports.matchBy')}</Typography.Text>
                <Select
                  value={matchBy}
                  onChange={setMatchBy}
                  style={{ width: 200 }}
                  options={MATCH_BY.map((m) => ({
                    value: m,
                    label: t(`imports.matchByOptions.${m}`),
                  }))}
                />
              </>
            )}
            <Button onClick={() => void start(true)}>{t('imports.dryRun')}</Button>
            <Button type="primary" onClick={() => void start(false)}>
              {t('imports.start')}
            </Button>
          </Flex>
        </>
      )}
      {(running || finished) && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: canStart ? 24 : 0 }}>
          {view.dryRun && <Alert type="info" showIcon title={t('imports.dryRunNote')} />}
          <Progress
            percent={Math.round(view.progress * 100)}
            status={view.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
          />
          {view.error && <Alert type="error" showIcon title={view.error} />}
          <Descriptions size="small" column={5} data-testid="import-counts">
            {(['created', 'updated', 'unchanged', 'rejected', 'skipped'] as const).map((k) => (
              <Descriptions.Item key={k} label={t(`imports.countLabels.${k}`)}>
                {view.counts[k]}
              </Descriptions.Item>
            ))}
          </Descriptions>
          {rejects.length > 0 && (
            <>
              <Flex justify="space-between" align="center">
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('imports.rejects')}
                </Typography.Title>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={`/api/imports/${id}/rejects.csv`}
                >
                  {t('imports.rejectsCsv')}
                </Button>
              </Flex>
              <Table<Reject>
                rowKey={(r) => `${r.row}-${r.column}`}
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={rejects}
                columns={[
                  { title: t('imports.row'), dataIndex: 'row', width: 70 },
                  { title: t('imports.column'), dataIndex: 'column', width: 140 },
                  { title: t('imports.value'), dataIndex: 'value', width: 180 },
                  { title: t('imports.reason'), dataIndex: 'message' },
                ]}
              />
            </>
          )}
        </Space>
      )}
    </Card>
  );
}
