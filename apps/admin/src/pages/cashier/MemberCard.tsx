import { CrownOutlined, WalletOutlined } from '@ant-design/icons';
import { Flex, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PosMemberCard } from '@regulars/contracts';
import { formatDate, formatMoney, groupCardNumber } from '../../format';
import { currentLanguage } from '../../i18n';

/** Who is at the counter: how to greet them, their tier and what they have to spend. */
export function MemberCard({ member, currency }: { member: PosMemberCard; currency: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const tier = member.tier;
  const tierLabel =
    member.tierStatus === 'former'
      ? tier
        ? t('cashier.member.former', { tier: tier.name })
        : t('cashier.member.formerNoTier')
      : (tier?.name ?? t('cashier.member.noTier'));
  const soon = member.points.expiringSoon[0];
  const perks =
    tier && member.tierStatus === 'member'
      ? [
          tier.discountRate > 0 &&
            t('cashier.member.discount', { n: Math.round(tier.discountRate * 10_000) / 100 }),
          tier.pointsMultiplier !== 1 &&
            t('cashier.member.multiplier', { n: tier.pointsMultiplier }),
        ]
          .filter(Boolean)
          .join(' · ')
      : '';
  return (
    <div data-testid="member-card" className="cashier-member-card">
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="member-greeting">
          {member.addressAs}
        </Typography.Title>
        <Tag
          icon={<CrownOutlined />}
          color={member.tierStatus === 'member' && tier ? 'gold' : 'default'}
          data-testid="member-tier"
          className="cashier-tier"
        >
          {tierLabel}
        </Tag>
        {perks && <Typography.Text type="secondary">{perks}</Typography.Text>}
      </Flex>
      <Typography.Text type="secondary">
        {member.name}
        {member.phoneMasked && ` · ${member.phoneMasked}`}
        {' · '}
        {t('cashier.member.card', { card: groupCardNumber(member.cardNumber) })}
      </Typography.Text>
      <Flex gap={24} wrap style={{ marginTop: 12 }}>
        <Statistic
          title={t('cashier.member.available')}
          value={member.points.available}
          data-testid="member-points"
        />
        <Statistic title={t('cashier.member.pending')} value={member.points.pending} />
        <Statistic
          title={t('cashier.member.storedValue')}
          prefix={<WalletOutlined />}
          value={formatMoney(member.storedValueMinor, currency, lang)}
          data-testid="member-stored-value"
        />
      </Flex>
      {soon && (
        <Typography.Text type="warning" data-testid="member-expiring">
          {t('cashier.member.expiring', {
            points: soon.points.toLocaleString(lang),
            date: formatDate(soon.at, lang),
          })}
        </Typography.Text>
      )}
    </div>
  );
}
