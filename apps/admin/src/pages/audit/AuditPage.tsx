import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, TenantSettings } from '@regulars/contracts';
import { api, query, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { toApiError, useApiGet } from '../../use-api';
import { AuditDetail } from './AuditDetail';
import { ACTIONS, actionLabel, actorLabel, ENTITY_TYPES, entityLabel } from './labels';

type Filter = { entityType?: string; action?: string };
type Loaded = { key: string; items: AuditEntry[]; nextCursor: string | null };
const PAGE = 50;

/** Who did what, newest first; filter by kind of record or action, and load older entries. */
export function AuditPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const settings = useApiGet<TenantSettings>('/settings');
  const [filter, setFilter] = useState<Filter>({});
  const [tick, setTick] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>({ key: '', items: [], nextCursor: null });
  const [error, setError] = useState<ApiError | null>(null);
  const [more, setMore] = useState(false);
  const key = JSON.stringify([filter, tick]);

  useEffect(() => {
    let live = true;
    api.get<Loaded>(`/audit-log${query({ ...filter, limit: PAGE })}`).then(
      (r) => live && (setLoaded({ key, items: r.items, nextCursor: r.nextCursor }), setError(null)),
      (e: unknown) => live && setError(toApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [filter, key]);

  const loadMore = async () => {
    if (!loaded.nextCursor) return;
    setMore(true);
    try {
      const r = await api.get<Loaded>(
        `/audit-log${query({ ...filter, limit: PAGE, cursor: loaded.nextCursor })}`,
      );
      setLoaded((l) => ({ key: l.key, items: [...l.items, ...r.items], nextCursor: r.nextCursor }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setMore(false);
    }
  };

  const tz = settings.data?.timeZone;
  return (
    <Page
      title={t('nav.audit')}
      description={tz ? t('audit.description', { timeZone: tz }) : t('audit.descriptionLocal')}
    >
      <ErrorAlert error={error} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            aria-label={t('audit.entity')}
            data-testid="audit-entity-filter"
            placeholder={t('audit.allEntities')}
            style={{ minWidth: 180 }}
            value={filter.entityType}
            onChange={(v?: string) => setFilter((f) => ({ ...f, entityType: v }))}
            options={ENTITY_TYPES.map((e) => ({ value: e, label: entityLabel(e, lang) }))}
          />
          <Select
            allowClear
            showSearch
            aria-label={t('audit.action')}
            data-testid="audit-action-filter"
            placeholder={t('audit.allActions')}
            style={{ minWidth: 220 }}
            value={filter.action}
            onChange={(v?: string) => setFilter((f) => ({ ...f, action: v }))}
            options={ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) }))}
          />
          <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)}>
            {t('common.refresh')}
          </Button>
        </Flex>
        <Table<AuditEntry>
          rowKey="auditId"
          size="middle"
          loading={loaded.key !== key}
          dataSource={loaded.items}
          pagination={false}
          expandable={{
            expandedRowRender: (e) => <AuditDetail entry={e} />,
            rowExpandable: (e) => e.before !== null || e.after !== null,
          }}
          columns={[
            {
              title: t('audit.time'),
              width: 190,
              render: (_, e) => formatDateTime(e.at, lang, tz),
            },
            { title: t('audit.actor'), render: (_, e) => actorLabel(t, e) },
            {
              title: t('audit.action'),
              render: (_, e) => (
                <Space orientation="vertical" size={0}>
                  <span>{actionLabel(t, e.action)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.action}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('audit.entity'),
              render: (_, e) => (
                <Space orientation="vertical" size={0}>
                  <span>{entityLabel(e.entityType, lang)}</span>
                  {e.entityId && (
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12 }}
                      copyable={{ text: e.entityId }}
                    >
                      {e.entityId.slice(0, 8)}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
          ]}
        />
        <Flex justify="center" style={{ marginTop: 16 }}>
          {loaded.nextCursor ? (
            <Button onClick={loadMore} loading={more}>
              {t('audit.loadMore')}
            </Button>
          ) : (
            loaded.items.length > 0 && (
              <Typography.Text type="secondary">{t('audit.end')}</Typography.Text>
            )
          )}
        </Flex>
      </Card>
    </Page>
  );
}
