import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Flex, Progress, Segmented, Table, Tooltip, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { Influencer } from '@regulars/contracts';
import { query } from '../../api';
import { groupCardNumber } from '../../format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useApiGet } from '../../use-api';

type Row = z.infer<typeof Influencer> & { rank: number };
type By = 'introduced' | 'centrality';

const level = (r: Row, i: number) => r.introducedByLevel[i] ?? 0;
const further = (r: Row) => r.introducedByLevel.slice(3).reduce((s, n) => s + n, 0);

/** Influence centers (影響力中心): who brought in the most people, or who is the most central. */
export function InfluencePage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [by, setBy] = useState<By>('introduced');
  const list = useApiGet<z.infer<typeof Influencer>[]>(
    `/members/influence${query({ by, limit: 50 })}`,
  );
  const rows: Row[] = (list.data ?? []).map((r, i) => ({ ...r, rank: i + 1 }));
  const top = Math.max(...rows.map((r) => r.centrality), 0);
  const count = (n: number) => (n ? n : <Typography.Text type="secondary">–</Typography.Text>);

  return (
    <Page
      title={t('nav.influence')}
      description={t('influence.description')}
      extra={
        <Segmented<By>
          data-testid="influence-by"
          value={by}
          onChange={setBy}
          options={[
            { value: 'introduced', label: t('influence.byIntroduced') },
            { value: 'centrality', label: t('influence.byCentrality') },
          ]}
        />
      }
    >
      <ErrorAlert error={list.error} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Row>
          rowKey="memberId"
          data-testid="influence-table"
          loading={list.loading}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('influence.none') }}
          columns={[
            { title: t('influence.rank'), dataIndex: 'rank', width: 70, align: 'center' },
            {
              title: t('influence.member'),
              render: (_, r) => (
                <Flex vertical>
                  <Link to={`/members/${r.memberId}`}>{r.name}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {groupCardNumber(r.cardNumber)}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('influence.byIntroduced'),
              children: [
                {
                  title: t('influence.direct'),
                  align: 'right' as const,
                  width: 80,
                  render: (_: unknown, r: Row) => count(level(r, 0)),
                },
                {
                  title: t('influence.level2'),
                  align: 'right' as const,
                  width: 80,
                  render: (_: unknown, r: Row) => count(level(r, 1)),
                },
                {
                  title: t('influence.level3'),
                  align: 'right' as const,
                  width: 80,
                  render: (_: unknown, r: Row) => count(level(r, 2)),
                },
                {
                  title: t('influence.deeper'),
                  align: 'right' as const,
                  width: 80,
                  render: (_: unknown, r: Row) => count(further(r)),
                },
                {
                  title: t('influence.total'),
                  align: 'right' as const,
                  width: 80,
                  render: (_: unknown, r: Row) => (
                    <Typography.Text strong data-testid="influence-total">
                      {r.introducedTotal}
                    </Typography.Text>
                  ),
                },
              ],
            },
            {
              title: t('influence.relations'),
              dataIndex: 'relations',
              align: 'right',
              width: 110,
            },
            {
              title: (
                <Tooltip title={t('influence.centralityHelp')}>
                  <span>
                    {t('influence.centrality')} <QuestionCircleOutlined />
                  </span>
                </Tooltip>
              ),
              width: 220,
              render: (_, r) => (
                <Flex align="center" gap={8}>
                  <Progress
                    percent={top ? (r.centrality / top) * 100 : 0}
                    showInfo={false}
                    status="normal"
                    strokeColor={token.colorPrimary}
                    size="small"
                    style={{ flex: 1, margin: 0 }}
                  />
                  <Typography.Text
                    data-testid="influence-share"
                    style={{ width: 56, textAlign: 'right' }}
                  >
                    {(r.centrality * 100).toFixed(2)}%
                  </Typography.Text>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </Page>
  );
}
