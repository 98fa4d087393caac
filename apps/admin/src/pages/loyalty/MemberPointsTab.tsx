import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberPoints, PointsEntry } from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { useSession } from '../../session';
import { toApiError, useApiGet } from '../../use-api';
import { AwardList } from './AwardList';
import { StoredValueCard } from './StoredValueCard';

/**
 * Member 360's points tab: balance, pending and what lapses next, the batches with their expiry,
 * the history with which rule gave how much, a manual adjustment for those allowed, and the
 * member's stored value.
 */
export default function MemberPointsTab({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { message } = App.useApp();
  const session = useSession();
  const points = useApiGet<MemberPoints>(`/members/${memberId}/points`);
  const history = useApiGet<{ items: PointsEntry[] }>(
    `/members/${memberId}/points/entries?limit=100`,
  );
  const [form] = Form.useForm<{ points: number; reason: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  const p = points.data;
  const adjust = async (v: { points: number; reason: string }) => {
    setError(null);
    try {
      await api.post(`/members/${memberId}/points/adjustments`, v);
      message.success(t('loyalty.member.adjusted'));
      form.resetFields();
      points.reload();
      history.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const why = (e: PointsEntry) =>
    e.awards.length ? (
      <AwardList awards={e.awards} />
    ) : (
      t(`loyalty.reason.${e.reason}`, { defaultValue: e.reason })
    );

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <ErrorAlert error={points.error ?? history.error} />
        <Card size="small" data-testid="points-card">
          <Row gutter={16}>
            <Col span={8}>
              <Statistic
                title={t('loyalty.member.available')}
                value={p?.available ?? 0}
                data-testid="points-available"
              />
            </Col>
            <Col span={8}>
              <Statistic title={t('loyalty.member.pending')} value={p?.pending ?? 0} />
              <Typography.Text type="secondary">{t('loyalty.member.pendingHelp')}</Typography.Text>
            </Col>
            <Col span={8}>
              {p?.expiringSoon.length
                ? p.expiringSoon.slice(0, 3).map((x) => (
                    <div key={x.at}>
                      {t('loyalty.member.expiring', {
                        points: x.points,
                        date: formatDate(x.at, lang),
                      })}
                    </div>
                  ))
                : t('loyalty.member.noExpiry')}
              {p && p.available < 0 && (
                <Tag color="red">{t('loyalty.member.debt', { n: -p.available })}</Tag>
              )}
            </Col>
          </Row>
        </Card>
      </Col>
      {session.can('points.adjust') && (
        <Col xs={24} xl={12}>
          <Card size="small" title={t('loyalty.member.adjust')}>
            <ErrorAlert error={error} />
            <Form form={form} layout="vertical" onFinish={adjust}>
              <Form.Item
                name="points"
                label={t('loyalty.member.adjustPoints')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <InputNumber style={{ width: '100%' }} data-testid="adjust-points" />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('loyalty.member.adjustReason')}
                rules={[{ required: true, whitespace: true, message: t('form.required') }]}
              >
                <Input maxLength={500} data-testid="adjust-reason" />
              </Form.Item>
              <Button type="primary" htmlType="submit" data-testid="adjust-submit">
                {t('common.save')}
              </Button>
            </Form>
          </Card>
        </Col>
      )}
      <Col xs={24} xl={session.can('points.adjust') ? 12 : 24}>
        <StoredValueCard memberId={memberId} />
      </Col>
      <Col span={24}>
        <Card size="small" title={t('loyalty.member.batches')}>
          <Table
            rowKey="batchId"
            size="small"
            pagination={false}
            dataSource={p?.batches ?? []}
            columns={[
              { title: t('loyalty.member.when'), render: (_, b) => formatDate(b.createdAt, lang) },
              { title: t('loyalty.member.earned'), dataIndex: 'earned', align: 'right' },
              { title: t('loyalty.member.remaining'), dataIndex: 'remaining', align: 'right' },
              {
                title: t('loyalty.member.expires'),
                render: (_, b) =>
                  b.expiresAt ? formatDate(b.expiresAt, lang) : t('loyalty.member.never'),
              },
              {
                title: t('common.status'),
                render: (_, b) =>
                  b.status === 'pending' ? (
                    <Tag color="gold">{t('loyalty.member.pending')}</Tag>
                  ) : null,
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('loyalty.member.history')} style={{ marginTop: 16 }}>
          <Table<PointsEntry>
            rowKey="entryId"
            size="small"
            data-testid="points-history"
            loading={history.loading}
            dataSource={history.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              {
                title: t('loyalty.member.when'),
                render: (_, e) => formatDateTime(e.occurredAt, lang),
              },
              { title: t('loyalty.rules.kind'), render: (_, e) => t(`loyalty.kind.${e.kind}`) },
              {
                title: t('loyalty.member.change'),
                align: 'right',
                render: (_, e) => {
                  const n = e.points + e.pendingPoints;
                  return (
                    <Typography.Text type={n < 0 ? 'danger' : undefined}>
                      {n > 0 ? `+${n}` : n}
                    </Typography.Text>
                  );
                },
              },
              { title: t('loyalty.member.balance'), dataIndex: 'balanceAfter', align: 'right' },
              { title: t('loyalty.member.why'), render: (_, e) => why(e) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
