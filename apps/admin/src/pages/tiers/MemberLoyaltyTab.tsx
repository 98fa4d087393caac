import { Card, Col, Descriptions, Empty, Flex, Progress, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  Coupon,
  MemberMissions,
  MemberTierStatus,
  TierHistoryItem,
} from '@regulars/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { useApiGet } from '../../use-api';
import { useCurrency } from '../../use-currency';
import { CouponsTable } from '../rewards/CouponsTable';

/**
 * Member 360's tier and coupons tab: the greeting (a lapsed member is still greeted by name),
 * the tier's privileges, exact progress to the next tier, tier history, missions and badges,
 * and the member's coupons.
 */
export default function MemberLoyaltyTab({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const currency = useCurrency();
  const status = useApiGet<MemberTierStatus>(`/members/${memberId}/tier`);
  const history = useApiGet<TierHistoryItem[]>(`/members/${memberId}/tier-history`);
  const missions = useApiGet<MemberMissions>(`/members/${memberId}/missions`);
  const coupons = useApiGet<{ items: Coupon[] }>(`/coupons?memberId=${memberId}&limit=100`);
  const s = status.data;
  const amount = (n: number) =>
    s?.basis === 'points' ? t('rewards.member.points', { n }) : formatMoney(n, currency, lang);

  const greeting = !s
    ? ''
    : s.status === 'member'
      ? t('rewards.member.greetingMember', { name: s.memberName, tier: s.tier?.name })
      : s.status === 'former'
        ? t('rewards.member.greetingFormer', { name: s.memberName, tier: s.formerTier?.name ?? '' })
        : t('rewards.member.greetingNone', { name: s.memberName });
  const nextLine =
    s?.next && s.toNext !== null
      ? s.by
        ? t('rewards.member.toNextBy', {
            amount: amount(s.toNext),
            date: formatDate(s.by, lang),
            tier: s.next.name,
          })
        : t('rewards.member.toNext', { amount: amount(s.toNext), tier: s.next.name })
      : t('rewards.member.top');
  const percent = s?.next ? Math.min(100, Math.round((s.value / s.next.threshold) * 100)) : 100;

  return (
    <Flex vertical gap={16}>
      <ErrorAlert error={status.error ?? coupons.error ?? missions.error} />
      {s && (
        <Card size="small" data-testid="tier-card">
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="tier-greeting">
            {greeting}
          </Typography.Title>
          {s.tier && (
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('rewards.tiers.perks')}>
                {s.tier.perks || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('rewards.tiers.eventAccess')}>
                {s.tier.eventAccess ? t('common.yes') : t('common.no')}
              </Descriptions.Item>
              <Descriptions.Item>
                {t('rewards.member.privileges', {
                  discount: Math.round(s.tier.discountRate * 10_000) / 100,
                  multiplier: s.tier.pointsMultiplier,
                })}
              </Descriptions.Item>
              {s.since && (
                <Descriptions.Item>
                  {t('rewards.member.since', { date: formatDate(s.since, lang) })}
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
          <Progress percent={percent} showInfo={false} />
          <Typography.Text strong data-testid="tier-progress">
            {nextLine}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {t('rewards.member.value', { value: amount(s.value) })}
          </Typography.Text>
          {s.tier && s.toKeep > 0 && (
            <div>
              <Typography.Text type="warning">
                {t('rewards.member.toKeep', { amount: amount(s.toKeep), tier: s.tier.name })}
              </Typography.Text>
            </div>
          )}
          {s.graceUntil && (
            <div>
              <Typography.Text type="danger">
                {t('rewards.member.graceUntil', { date: formatDate(s.graceUntil, lang) })}
              </Typography.Text>
            </div>
          )}
        </Card>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('rewards.member.history')}>
            <Table<TierHistoryItem>
              rowKey="at"
              size="small"
              showHeader={false}
              pagination={false}
              dataSource={history.data ?? []}
              columns={[
                { title: '', render: (_, h) => formatDate(h.at, lang) },
                { title: '', render: (_, h) => <Tag>{t(`rewards.member.${h.change}`)}</Tag> },
                { title: '', render: (_, h) => `${h.fromTier ?? '—'} → ${h.toTier ?? '—'}` },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('rewards.member.missions')}>
            {missions.data?.missions.length ? (
              missions.data.missions.map((m) => (
                <div key={m.missionId}>
                  <Typography.Text>{m.name}</Typography.Text>
                  <Progress
                    percent={Math.round((Math.min(m.progress, m.target) / m.target) * 100)}
                    format={() => `${m.progress}/${m.target}`}
                  />
                </div>
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
            <Typography.Text type="secondary">{t('rewards.member.badges')}: </Typography.Text>
            {(missions.data?.badges ?? []).map((b) => (
              <Tag key={b.badgeId} color="gold">
                {b.name}
              </Tag>
            ))}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('rewards.member.coupons')}>
        <CouponsTable
          coupons={coupons.data?.items ?? []}
          loading={coupons.loading}
          onChanged={coupons.reload}
        />
      </Card>
    </Flex>
  );
}
