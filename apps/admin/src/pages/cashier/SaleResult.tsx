import { CheckCircleFilled, CrownFilled } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PosMemberCard } from '@regulars/contracts';
import { formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { AwardList } from '../loyalty/AwardList';
import type { PurchaseResult } from './use-sale';

/**
 * The sale as recorded: the points it earned and which rules gave them, the balance now, and a
 * tier reached — said out loud, so the cashier can congratulate the member.
 */
export function SaleResult(props: {
  result: PurchaseResult;
  member: PosMemberCard;
  currency: string;
  onAgain(): void;
  onNext(): void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { result, member } = props;
  const { earned, tierChange } = result;
  const upgrade = tierChange?.change === 'upgrade' && tierChange.to;
  return (
    <div className="cashier-result" data-testid="sale-result">
      {upgrade ? (
        <div className="cashier-celebrate" data-testid="tier-upgrade">
          <CrownFilled className="cashier-crown" />
          <Typography.Title level={2} style={{ margin: '8px 0 0' }}>
            {t('cashier.result.upgrade', { name: member.addressAs, tier: upgrade.name })}
          </Typography.Title>
          <Typography.Text>{t('cashier.result.upgradeSub')}</Typography.Text>
        </div>
      ) : (
        tierChange && (
          <Typography.Text data-testid="tier-change">
            {t('cashier.result.changed', {
              name: member.addressAs,
              from: tierChange.from?.name ?? '—',
              to: tierChange.to?.name ?? '—',
            })}
          </Typography.Text>
        )
      )}
      <Flex align="center" gap={12} style={{ marginTop: 16 }}>
        <CheckCircleFilled style={{ fontSize: 32, color: '#52c41a' }} />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('cashier.result.title', {
            amount: formatMoney(result.purchase.totalMinor, props.currency, lang),
          })}
        </Typography.Title>
      </Flex>
      <div className="cashier-earned" data-testid="earned">
        {earned.points > 0 ? (
          <>
            <div className="cashier-earned-points" data-testid="earned-points">
              {t('cashier.result.earned', { points: earned.points.toLocaleString(lang) })}
            </div>
            {earned.pending && (
              <Typography.Text type="secondary">{t('cashier.result.pending')}</Typography.Text>
            )}
            <AwardList awards={earned.awards} />
          </>
        ) : (
          <Typography.Text>{t('cashier.result.none')}</Typography.Text>
        )}
      </div>
      <Typography.Text strong data-testid="result-balance">
        {t('cashier.result.balance', {
          available: result.balance.available.toLocaleString(lang),
          pending: result.balance.pending.toLocaleString(lang),
        })}
      </Typography.Text>
      <Flex gap={12} wrap style={{ marginTop: 'auto', paddingTop: 24 }}>
        <Button
          size="large"
          className="cashier-big"
          onClick={props.onAgain}
          data-testid="sale-again"
        >
          {t('cashier.result.again', { name: member.addressAs })}
        </Button>
        <Button
          type="primary"
          size="large"
          className="cashier-big"
          style={{ flex: 1 }}
          onClick={props.onNext}
          data-testid="next-customer"
        >
          {t('cashier.result.next')}
        </Button>
      </Flex>
    </div>
  );
}
