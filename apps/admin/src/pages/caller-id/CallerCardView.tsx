import { Card, Col, Descriptions, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CallerCard } from '@regulars/contracts';
import { formatDate, formatMinute, formatMoney, groupCardNumber } from '../../format';
import { currentLanguage } from '../../i18n';
import { useCurrency } from '../../use-currency';

/** What staff need while the phone rings: who it is, what they buy, what is pending. */
export function CallerCardView({ card }: { card: CallerCard }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const currency = useCurrency();
  const money = (m: number) => formatMoney(m, currency, lang);
  return (
    <Card data-testid="caller-card">
      <Space align="baseline" size="middle" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <Link to={`/members/${card.memberId}`}>{card.addressAs || card.name}</Link>
        </Typography.Title>
        <Typography.Text type="secondary">
          {card.name} · {groupCardNumber(card.cardNumber)}
        </Typography.Text>
        {card.tags.map((x) => (
          <Tag key={x} color="volcano">
            {x}
          </Tag>
        ))}
      </Space>
      {card.matches > 1 && (
        <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
          {t('callerId.sharedNumber', { count: card.matches })}
        </Typography.Paragraph>
      )}
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={6}>
          <Statistic title={t('callerId.visits')} value={card.stats.purchaseCount} />
        </Col>
        <Col span={6}>
          <Statistic title={t('callerId.totalSpent')} value={money(card.stats.totalSpentMinor)} />
        </Col>
        <Col span={12}>
          <Statistic
            title={t('callerId.lastPurchase')}
            value={
              card.lastPurchase
                ? `${formatDate(card.lastPurchase.occurredAt, lang)} · ${money(card.lastPurchase.totalMinor)}${card.lastPurchase.storeName ? ` · ${card.lastPurchase.storeName}` : ''}`
                : '—'
            }
          />
        </Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} md={8}>
          <Typography.Title level={5}>{t('callerId.upcoming')}</Typography.Title>
          {card.upcoming.length ? (
            <Descriptions column={1} size="small">
              {card.upcoming.map((u) => (
                <Descriptions.Item
                  key={`${u.kind}-${u.date}`}
                  label={
                    u.kind === 'birthday'
                      ? t('members.birthday')
                      : u.label || t(`anniversaries.kinds.${u.kind}`)
                  }
                >
                  {formatDate(u.nextOn, lang)} ({t('callerId.inDays', { count: u.daysAway })})
                </Descriptions.Item>
              ))}
            </Descriptions>
          ) : (
            <Typography.Text type="secondary">{t('callerId.nothing')}</Typography.Text>
          )}
        </Col>
        <Col xs={24} md={8}>
          <Typography.Title level={5}>{t('callerId.openTasks')}</Typography.Title>
          <List
            size="small"
            dataSource={card.openTasks}
            locale={{ emptyText: t('callerId.nothing') }}
            renderItem={(task) => (
              <List.Item>
                {task.title}
                {task.dueAt && (
                  <Typography.Text type="secondary">
                    {' '}
                    · {formatDate(task.dueAt, lang)}
                  </Typography.Text>
                )}
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} md={8}>
          <Typography.Title level={5}>{t('callerId.lastNotes')}</Typography.Title>
          <List
            size="small"
            dataSource={card.lastNotes}
            locale={{ emptyText: t('callerId.nothing') }}
            renderItem={(n) => (
              <List.Item>
                <div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {n.authorName ?? ''} · {formatMinute(n.createdAt, lang)}
                  </Typography.Text>
                </div>
              </List.Item>
            )}
          />
        </Col>
      </Row>
    </Card>
  );
}
