import { StarOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import type { PointsTimelineEntry } from '@regulars/contracts';
import type { KindView } from '../members/tabs/timeline-kinds';

/** How a movement of points looks on the member's timeline. */
export const POINTS_VIEW: KindView<PointsTimelineEntry> = {
  icon: <StarOutlined />,
  color: 'gold',
  show: (e, { t }) => {
    const n = e.points + e.pendingPoints;
    const why = e.rules.length
      ? e.rules.join(t('common.listSeparator'))
      : t(`loyalty.reason.${e.reason}`, { defaultValue: e.reason });
    return (
      <Space orientation="vertical" size={0}>
        <span>
          {t('loyalty.timeline', {
            kind: t(`loyalty.kind.${e.entryKind}`),
            change: n > 0 ? `+${n}` : String(n),
            balance: e.balanceAfter,
          })}
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {why}
        </Typography.Text>
      </Space>
    );
  },
};
