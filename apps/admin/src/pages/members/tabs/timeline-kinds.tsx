import {
  CheckSquareOutlined,
  FileTextOutlined,
  HeartOutlined,
  PaperClipOutlined,
  PhoneOutlined,
  SafetyOutlined,
  ShoppingOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Language, MemberTimelineEntry } from '@regulars/contracts';
import { formatDate } from '../../../format';
import { POINTS_VIEW } from '../../loyalty/points-timeline';

export type Shown = { t: TFunction; lang: Language; money(minor: number): string };
type Of<K extends string> = Extract<MemberTimelineEntry, { kind: K }>;

/** How one kind of entry looks on the timeline: its dot and its line. */
export type KindView<E> = { icon: ReactNode; color: string; show(e: E, s: Shown): ReactNode };

const muted = (text: ReactNode) => (
  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
    {text}
  </Typography.Text>
);
const source = (t: TFunction, s: string) => t(`members.sources.${s}`, { defaultValue: s });

/**
 * Every kind the console knows how to show. A module that adds a kind to the timeline adds its
 * view here (one entry, `show` typed with its entry schema's type); kinds without one are shown
 * by name and time only.
 */
export const KIND_VIEWS: { [K in MemberTimelineEntry['kind']]: KindView<Of<K>> } & {
  [kind: string]: KindView<never>;
} = {
  purchase: {
    icon: <ShoppingOutlined />,
    color: 'green',
    show: (e, { t, money }) => (
      <Space orientation="vertical" size={0}>
        <span>
          {t('timeline.purchase', { amount: money(e.totalMinor) })}
          {e.storeName && ` ${t('timeline.purchaseAt', { store: e.storeName })}`}
        </span>
        {e.items.length > 0 &&
          muted(
            e.items.join(t('common.listSeparator')) +
              (e.lineCount > e.items.length
                ? ` ${t('timeline.moreItems', { count: e.lineCount - e.items.length })}`
                : ''),
          )}
      </Space>
    ),
  },
  note: {
    icon: <FileTextOutlined />,
    color: 'blue',
    show: (e, { t }) => (
      <Space orientation="vertical" size={0}>
        <span style={{ whiteSpace: 'pre-wrap' }}>{e.body}</span>
        {muted(
          <>
            {t('timeline.by', { name: e.authorName ?? t('notes.unknownAuthor') })}
            {e.attachmentCount > 0 && (
              <>
                {' · '}
                <PaperClipOutlined /> {t('timeline.attachments', { count: e.attachmentCount })}
              </>
            )}
          </>,
        )}
      </Space>
    ),
  },
  task: {
    icon: <CheckSquareOutlined />,
    color: 'orange',
    show: (e, { t, lang }) => (
      <Space size={6} wrap>
        <span>{t('timeline.task', { title: e.title })}</span>
        <Tag color={e.status === 'open' ? 'orange' : e.status === 'done' ? 'green' : 'default'}>
          {t(`tasks.statuses.${e.status}`)}
        </Tag>
        {e.dueAt && muted(t('timeline.due', { date: formatDate(e.dueAt, lang) }))}
        {e.assigneeName && muted(t('timeline.assignedTo', { name: e.assigneeName }))}
      </Space>
    ),
  },
  anniversary: {
    icon: <HeartOutlined />,
    color: 'magenta',
    show: (e, { t, lang }) =>
      t('timeline.anniversary', {
        kind: e.label || t(`anniversaries.kinds.${e.anniversaryKind}`),
        date: formatDate(e.date, lang),
      }),
  },
  relation: {
    icon: <TeamOutlined />,
    color: 'purple',
    show: (e, { t }) => {
      const kind = t(`relations.kinds.${e.relationKind}`);
      if (!e.relatedMemberId)
        return t('timeline.relation', { kind, name: t('timeline.notMember', { name: e.name }) });
      return (
        <span>
          {t('timeline.relation', { kind, name: '' })}
          <Link to={`/members/${e.relatedMemberId}`}>{e.name}</Link>
        </span>
      );
    },
  },
  call: {
    icon: <PhoneOutlined />,
    color: 'cyan',
    show: (e, { t }) => t('timeline.call', { extension: e.extension }),
  },
  consent: {
    icon: <SafetyOutlined />,
    color: 'gray',
    show: (e, { t }) =>
      t(e.granted ? 'timeline.consentGiven' : 'timeline.consentWithdrawn', {
        channel: t(`members.channels.${e.channel}`, { defaultValue: e.channel }),
        source: source(t, e.source),
      }),
  },
  joined: {
    icon: <UserAddOutlined />,
    color: 'red',
    show: (e, { t }) => t('timeline.joined', { source: source(t, e.source) }),
  },
  points: POINTS_VIEW as KindView<never>,
};
