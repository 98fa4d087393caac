import { PhoneOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, notification, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { CallerCard, IncomingCall } from '@regulars/contracts';
import { formatDate, formatMinute, formatMoney } from '../format';
import { currentLanguage } from '../i18n';
import { useSession } from '../session';
import { useCurrency } from '../use-currency';
import { useIncomingCalls } from './calls';

const MAX_SHOWN = 3;

/**
 * Pops the caller's card up on whatever page staff are on when their extension rings: who it
 * is (with the honorific), tags, last purchase, open tasks, latest notes and a link to Member
 * 360 — or, for a number no member has, the number and a way to add them. The caller-ID page
 * shows calls itself, so nothing pops up there.
 */
export function CallPopup() {
  const { t } = useTranslation();
  const [popups, holder] = notification.useNotification({
    maxCount: MAX_SHOWN,
    stack: false,
    top: 64, // below the top bar, which stays usable
  });
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const session = useSession();

  useIncomingCalls((call) => {
    if (pathname === '/caller-id') return;
    const go = (to: string) => {
      popups.destroy(call.callId);
      void navigate(to);
    };
    const card = call.card;
    popups.open({
      key: call.callId,
      duration: false,
      icon: <PhoneOutlined />,
      style: { width: 420 },
      title: card ? (
        <Link to={`/members/${card.memberId}`} onClick={() => popups.destroy(call.callId)}>
          {card.addressAs || card.name}
        </Link>
      ) : (
        t('callPopup.unknown')
      ),
      description: card ? (
        <MemberSummary card={card} call={call} />
      ) : (
        <Typography.Text data-testid="call-popup-number">{call.callerNumber}</Typography.Text>
      ),
      actions: card ? (
        <Button type="primary" size="small" onClick={() => go(`/members/${card.memberId}`)}>
          {t('callPopup.open')}
        </Button>
      ) : session.can('members.add') ? (
        <Button
          type="primary"
          size="small"
          icon={<UserAddOutlined />}
          onClick={() =>
            go(
              `/members?new=1${call.callerNumber.includes('*') ? '' : `&phone=${encodeURIComponent(call.callerNumber)}`}`,
            )
          }
        >
          {t('callPopup.newMember')}
        </Button>
      ) : undefined,
      props: { 'data-testid': 'call-popup' } as object,
    });
  });
  return holder;
}

function MemberSummary({ card, call }: { card: CallerCard; call: IncomingCall }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const currency = useCurrency();
  const last = card.lastPurchase;
  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {card.name} · {call.callerNumber} · {t('callPopup.extension', { ext: call.extension })}
      </Typography.Text>
      {card.tags.length > 0 && (
        <Space size={[4, 4]} wrap>
          {card.tags.map((x) => (
            <Tag key={x} color="volcano">
              {x}
            </Tag>
          ))}
        </Space>
      )}
      {card.matches > 1 && (
        <Typography.Text type="warning">
          {t('callerId.sharedNumber', { count: card.matches })}
        </Typography.Text>
      )}
      <Line label={t('callerId.lastPurchase')}>
        {last
          ? `${formatDate(last.occurredAt, lang)} · ${formatMoney(last.totalMinor, currency, lang)}${last.storeName ? ` · ${last.storeName}` : ''}`
          : t('callerId.nothing')}
      </Line>
      <Line label={t('callerId.openTasks')}>
        {card.openTasks.length
          ? card.openTasks
              .slice(0, 3)
              .map((x) => (x.dueAt ? `${x.title} (${formatDate(x.dueAt, lang)})` : x.title))
              .join(t('common.listSeparator'))
          : t('callerId.nothing')}
      </Line>
      <Line label={t('callerId.lastNotes')}>
        {card.lastNotes.length
          ? card.lastNotes.slice(0, 2).map((n) => (
              <div key={n.noteId} style={{ whiteSpace: 'pre-wrap' }}>
                <Typography.Text ellipsis={{ tooltip: n.body }} style={{ maxWidth: 300 }}>
                  {n.body}
                </Typography.Text>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatMinute(n.createdAt, lang)}
                </Typography.Text>
              </div>
            ))
          : t('callerId.nothing')}
      </Line>
    </Space>
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Typography.Text strong>{label}: </Typography.Text>
      {children}
    </div>
  );
}
