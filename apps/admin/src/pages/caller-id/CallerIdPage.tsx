import { PhoneOutlined } from '@ant-design/icons';
import { Alert, Badge, Card, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CallerCard } from '@regulars/contracts';
import { api, query, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatMinute } from '../../format';
import { currentLanguage } from '../../i18n';
import { useIncomingCalls } from '../../layout/calls';
import { toApiError, useApiGet } from '../../use-api';
import { CallerCardView } from './CallerCardView';

type Lookup = { phone: string; member: CallerCard | null };
type Call = {
  callId: string;
  receivedAt: string;
  extension: string;
  callerNumber: string;
  memberId: string | null;
  memberName: string | null;
  addressAs: string | null;
  card?: CallerCard | null;
};

/**
 * Caller ID (來電顯示): type a number, or let the phone system report calls to your extension —
 * the member card shows at once.
 */
export function CallerIdPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Lookup | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const calls = useApiGet<Call[]>('/calls?limit=20');
  const [live, setLive] = useState<Call[]>([]);

  // Calls to the staff member's extension arrive on the console's one live line.
  const line = useIncomingCalls((call) => {
    setLive((l) => [call, ...l.filter((c) => c.callId !== call.callId)]);
    setResult({ phone: call.callerNumber, member: call.card ?? null });
  });

  const lookUp = async (phone: string) => {
    if (!phone.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.get<Lookup>(`/caller-id${query({ phone })}`));
    } catch (e) {
      setError(toApiError(e));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const recent = [
    ...live,
    ...(calls.data ?? []).filter((c) => !live.some((l) => l.callId === c.callId)),
  ];

  return (
    <Page title={t('nav.callerId')} description={t('callerId.description')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Input.Search
          size="large"
          enterButton={t('callerId.lookUp')}
          prefix={<PhoneOutlined />}
          placeholder={t('callerId.placeholder')}
          aria-label={t('callerId.placeholder')}
          loading={busy}
          onSearch={(v) => void lookUp(v)}
          style={{ maxWidth: 520 }}
          data-testid="caller-id-phone"
        />
        <ErrorAlert error={error} />
        {result &&
          (result.member ? (
            <CallerCardView card={result.member} />
          ) : (
            <Alert
              type="info"
              showIcon
              title={t('callerId.stranger', { phone: result.phone })}
              data-testid="caller-stranger"
            />
          ))}
        <Card
          title={t('callerId.recent')}
          extra={
            <Badge
              status={line === 'live' ? 'processing' : line === 'off' ? 'default' : 'warning'}
              text={t(`callerId.line.${line}`)}
              data-testid="call-line"
            />
          }
          styles={{ body: { padding: 0 } }}
        >
          <ErrorAlert error={calls.error} />
          <Table<Call>
            rowKey="callId"
            size="small"
            loading={calls.loading}
            dataSource={recent}
            pagination={false}
            locale={{ emptyText: t('callerId.noCalls') }}
            columns={[
              {
                title: t('callerId.time'),
                dataIndex: 'receivedAt',
                width: 190,
                render: (at: string) => formatMinute(at, lang),
              },
              { title: t('callerId.number'), dataIndex: 'callerNumber', width: 170 },
              { title: t('callerId.extension'), dataIndex: 'extension', width: 100 },
              {
                title: t('callerId.member'),
                render: (_, c) =>
                  c.memberId ? (
                    <Link to={`/members/${c.memberId}`}>{c.addressAs || c.memberName}</Link>
                  ) : (
                    <Typography.Text type="secondary">{t('callerId.notMember')}</Typography.Text>
                  ),
              },
            ]}
          />
        </Card>
      </Space>
    </Page>
  );
}
