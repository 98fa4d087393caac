import { Card, List, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StoredValueAccount } from '@regulars/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { useApiGet } from '../../use-api';
import { useCurrency } from '../../use-currency';

/** The member's stored value (儲值): balance and latest top-ups, payments and refunds. */
export function StoredValueCard({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const currency = useCurrency();
  const account = useApiGet<StoredValueAccount>(`/members/${memberId}/stored-value`);
  const a = account.data;
  return (
    <Card size="small" title={t('loyalty.member.storedValue')} data-testid="stored-value-card">
      <ErrorAlert error={account.error} />
      <Statistic
        title={t('loyalty.member.storedBalance')}
        // Not "NT$0" while the balance is on its way: a spinner until it is known.
        loading={!a && !account.error}
        value={a ? formatMoney(a.balanceMinor, currency, lang) : '—'}
        data-testid="stored-value-balance"
      />
      <List
        size="small"
        dataSource={a?.entries.slice(0, 10) ?? []}
        locale={{ emptyText: t('loyalty.member.noStoredValue') }}
        renderItem={(e) => (
          <List.Item
            extra={
              <Typography.Text type={e.amountMinor < 0 ? 'danger' : undefined}>
                {formatMoney(e.amountMinor, currency, lang)}
              </Typography.Text>
            }
          >
            <List.Item.Meta
              title={t(`loyalty.svKind.${e.kind}`)}
              description={formatDateTime(e.occurredAt, lang)}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
