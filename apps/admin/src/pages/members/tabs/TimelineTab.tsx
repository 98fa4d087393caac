import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '@regulars/contracts';
import { api, query } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatMinute, formatMoney } from '../../../format';
import { currentLanguage } from '../../../i18n';
import { useCurrency } from '../../../use-currency';
import { toApiError, useApiGet } from '../../../use-api';
import { KIND_VIEWS, type KindView, type Shown } from './timeline-kinds';

type Page = { items: TimelineEntry[]; nextCursor: string | null };
const PAGE = 30;

const viewOf = (kind: string) =>
  (KIND_VIEWS as Record<string, KindView<TimelineEntry> | undefined>)[kind];

/** Everything that happened with the member, newest first, each kind shown in its own way. */
export function TimelineTab({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const currency = useCurrency();
  const first = useApiGet<Page>(`/members/${memberId}/timeline?limit=${PAGE}`);
  const [older, setOlder] = useState<Page[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof toApiError> | null>(null);
  const entries = [...(first.data?.items ?? []), ...older.flatMap((p) => p.items)];
  const cursor = older.length ? older[older.length - 1]!.nextCursor : first.data?.nextCursor;
  const shown: Shown = { t, lang, money: (m) => formatMoney(m, currency, lang) };

  const loadMore = async () => {
    if (!cursor) return;
    setBusy(true);
    try {
      const page = await api.get<Page>(
        `/members/${memberId}/timeline${query({ cursor, limit: PAGE })}`,
      );
      setOlder((o) => [...o, page]);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card loading={first.loading && !first.data} data-testid="timeline">
      <ErrorAlert error={first.error ?? error} />
      {entries.length === 0 ? (
        <Empty description={t('timeline.empty')} />
      ) : (
        <Timeline
          items={entries.map((e) => {
            const view = viewOf(e.kind);
            return {
              key: `${e.kind}-${e.id}`,
              icon: view?.icon ?? <ClockCircleOutlined />,
              color: view?.color ?? 'gray',
              content: (
                <div data-testid={`timeline-${e.kind}`}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatMinute(e.at, lang)} ·{' '}
                    {t(`timeline.kinds.${e.kind}`, { defaultValue: e.kind })}
                  </Typography.Text>
                  <div>{view?.show(e, shown)}</div>
                </div>
              ),
            };
          })}
        />
      )}
      {cursor && (
        <Flex justify="center">
          <Button onClick={() => void loadMore()} loading={busy}>
            {t('timeline.loadMore')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
