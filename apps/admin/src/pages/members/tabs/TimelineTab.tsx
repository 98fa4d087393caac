import {
  CheckSquareOutlined,
  FileTextOutlined,
  SafetyOutlined,
  ShoppingOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Button, Card, Empty, Flex, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, query } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatMinute, formatMoney } from '../../../format';
import { currentLanguage } from '../../../i18n';
import { useCurrency } from '../../../use-currency';
import { toApiError, useApiGet } from '../../../use-api';

type Entry = {
  kind: 'purchase' | 'note' | 'task' | 'consent' | 'member';
  id: string;
  at: string;
  summary: string;
  detail: Record<string, unknown>;
};

const ICONS = {
  purchase: <ShoppingOutlined />,
  note: <FileTextOutlined />,
  task: <CheckSquareOutlined />,
  consent: <SafetyOutlined />,
  member: <UserAddOutlined />,
};
const COLORS = { purchase: 'green', note: 'blue', task: 'orange', consent: 'gray', member: 'red' };
const PAGE = 30;

function describe(e: Entry, t: TFunction, money: (minor: number) => string): string {
  const source = (s: unknown) => t(`members.sources.${String(s)}`, { defaultValue: String(s) });
  switch (e.kind) {
    case 'purchase':
      return t('timeline.purchase', { amount: money(Number(e.summary) || 0) });
    case 'note':
      return e.summary;
    case 'task':
      return t('timeline.task', { title: e.summary });
    case 'consent':
      return t(e.detail.granted ? 'timeline.consentGiven' : 'timeline.consentWithdrawn', {
        channel: t(`members.channels.${e.summary}`, { defaultValue: e.summary }),
        source: source(e.detail.source),
      });
    case 'member':
      return t('timeline.joined', { source: source(e.summary) });
  }
}

/** Everything that happened with the member, newest first: purchases, notes, tasks, consent. */
export function TimelineTab({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const currency = useCurrency();
  const first = useApiGet<Entry[]>(`/members/${memberId}/timeline?limit=${PAGE}`);
  const [older, setOlder] = useState<Entry[]>([]);
  const [end, setEnd] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof toApiError> | null>(null);
  const entries = [...(first.data ?? []), ...older];
  const more = !end && (first.data?.length ?? 0) >= PAGE;

  const loadMore = async () => {
    const last = entries[entries.length - 1];
    if (!last) return;
    setBusy(true);
    try {
      const page = await api.get<Entry[]>(
        `/members/${memberId}/timeline${query({ before: last.at, limit: PAGE })}`,
      );
      setOlder((o) => [...o, ...page]);
      if (page.length < PAGE) setEnd(true);
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
          items={entries.map((e) => ({
            key: `${e.kind}-${e.id}-${e.at}`,
            icon: ICONS[e.kind],
            color: COLORS[e.kind],
            content: (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatMinute(e.at, lang)} · {t(`timeline.kinds.${e.kind}`)}
                </Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>
                  {describe(e, t, (m) => formatMoney(m, currency, lang))}
                </div>
              </div>
            ),
          }))}
        />
      )}
      {more && (
        <Flex justify="center">
          <Button onClick={() => void loadMore()} loading={busy}>
            {t('timeline.loadMore')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
