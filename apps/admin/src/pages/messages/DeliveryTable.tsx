import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Delivery } from '@regulars/contracts';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

const STATE_COLORS: Record<Delivery['state'], string> = {
  queued: 'blue',
  held: 'gold',
  sent: 'green',
  delivered: 'green',
  bounced: 'red',
  failed: 'red',
  suppressed: 'default',
};

/** A delivery's state, with why it was held, stopped or failed. */
export function DeliveryState({ d }: { d: Delivery }) {
  const { t } = useTranslation();
  const reason = d.reason ? t(`messaging.reason.${d.reason}`, { defaultValue: d.reason }) : null;
  return (
    <Space size={4} wrap>
      <Tag color={STATE_COLORS[d.state]} data-testid="delivery-state">
        {t(`messaging.state.${d.state}`)}
      </Tag>
      {d.provider === 'development' && <Tag>{t('messaging.outbox.development')}</Tag>}
      {reason && (
        <Tooltip title={d.detail}>
          <Typography.Text type="secondary">{reason}</Typography.Text>
        </Tooltip>
      )}
    </Space>
  );
}

/** The words of a message: its subject and text, and the HTML part in a sandboxed frame. */
export function DeliveryBody({ d }: { d: Delivery }) {
  const { t } = useTranslation();
  if (d.text === null)
    return <Typography.Text type="secondary">{t('messaging.outbox.hidden')}</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {d.subject && <Typography.Text strong>{d.subject}</Typography.Text>}
      <Typography.Paragraph
        style={{ whiteSpace: 'pre-wrap', margin: 0 }}
        data-testid="delivery-text"
      >
        {d.text}
      </Typography.Paragraph>
      {d.html && (
        <iframe
          title={d.subject ?? d.deliveryId}
          sandbox=""
          srcDoc={d.html}
          style={{ width: '100%', minHeight: 160, border: '1px solid #eee', borderRadius: 6 }}
        />
      )}
    </Space>
  );
}

/** Deliveries, newest first; a row opens to show the message. */
export function DeliveryTable(props: {
  items: Delivery[];
  loading: boolean;
  showMember?: boolean;
  timeZone?: string;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Table<Delivery>
      rowKey="deliveryId"
      size="middle"
      loading={props.loading}
      dataSource={props.items}
      pagination={false}
      locale={{ emptyText: t('messaging.outbox.empty') }}
      expandable={{ expandedRowRender: (d) => <DeliveryBody d={d} /> }}
      columns={[
        {
          title: t('messaging.outbox.time'),
          width: 170,
          render: (_, d) => formatDateTime(d.sentAt ?? d.createdAt, lang, props.timeZone),
        },
        {
          title: t('messaging.send.channel'),
          width: 110,
          render: (_, d) => (
            <Space orientation="vertical" size={0}>
              <span>{t(`messaging.channel.${d.channel}`)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`messaging.category.${d.category}`)}
              </Typography.Text>
            </Space>
          ),
        },
        ...(props.showMember
          ? [
              {
                title: t('messaging.outbox.member'),
                render: (_: unknown, d: Delivery) =>
                  d.memberId ? <Link to={`/members/${d.memberId}`}>{d.memberName}</Link> : '—',
              },
            ]
          : []),
        { title: t('messaging.outbox.to'), render: (_, d) => d.to || '—' },
        {
          title: t('messaging.outbox.message'),
          ellipsis: true,
          render: (_, d) => d.subject ?? d.text ?? '…',
        },
        { title: t('common.status'), width: 220, render: (_, d) => <DeliveryState d={d} /> },
      ]}
    />
  );
}
