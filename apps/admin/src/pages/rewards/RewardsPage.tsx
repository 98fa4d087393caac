import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coupon, Reward } from '@regulars/contracts';
import { api, query } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { useApiGet } from '../../use-api';
import { useCurrency } from '../../use-currency';
import { CouponsTable } from './CouponsTable';
import { RewardDrawer, toRewardBody, type RewardFields } from './RewardDrawer';

type CouponPage = { items: Coupon[]; nextCursor: string | null };

/** The rewards catalog, the birthday rule, and the coupons issued (with void). */
export function RewardsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('rewards.nav.rewards')} description={t('rewards.catalog.description')}>
      <Tabs
        items={[
          { key: 'catalog', label: t('rewards.catalog.tab'), children: <Catalog /> },
          { key: 'coupons', label: t('rewards.coupons.tab'), children: <Coupons /> },
        ]}
      />
    </Page>
  );
}

function Catalog() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const currency = useCurrency();
  const rewards = useApiGet<Reward[]>('/rewards');
  const birthday = useApiGet<{ rewardId: string | null; active: boolean }>(
    '/reward-rules/birthday',
  );
  const [editing, setEditing] = useState<Reward | 'new' | null>(null);

  const save = async (v: RewardFields) => {
    const body = toRewardBody(v, currency);
    if (editing === 'new') await api.post('/rewards', body);
    else if (editing)
      await api.put(`/rewards/${editing.rewardId}`, { ...body, version: editing.version });
    message.success(t('common.saved'));
    rewards.reload();
  };
  const saveBirthday = async (rewardId: string | null) => {
    await api.put('/reward-rules/birthday', { rewardId: rewardId ?? null, active: !!rewardId });
    message.success(t('common.saved'));
    birthday.reload();
  };
  const worth = (r: Reward) =>
    r.kind === 'fixed_amount'
      ? formatMoney(r.amountMinor ?? 0, currency, lang)
      : r.kind === 'percent'
        ? `${r.percentOff}%`
        : (r.itemName ?? '');

  return (
    <>
      <ErrorAlert error={rewards.error ?? birthday.error} />
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Card size="small">
          <Space>
            <Typography.Text>{t('rewards.catalog.birthday')}</Typography.Text>
            <Select
              data-testid="birthday-reward"
              style={{ width: 240 }}
              value={birthday.data?.rewardId ?? ''}
              onChange={(v) => saveBirthday(v || null)}
              options={[
                { value: '', label: t('rewards.catalog.birthdayNone') },
                ...(rewards.data ?? []).map((r) => ({ value: r.rewardId, label: r.name })),
              ]}
            />
            <Typography.Text type="secondary">{t('rewards.catalog.birthdayHelp')}</Typography.Text>
          </Space>
        </Card>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('rewards.catalog.add')}
        </Button>
      </Flex>
      <Table<Reward>
        rowKey="rewardId"
        loading={rewards.loading}
        dataSource={rewards.data ?? []}
        pagination={false}
        columns={[
          { title: t('rewards.catalog.name'), dataIndex: 'name' },
          {
            title: t('rewards.catalog.kind'),
            render: (_, r) => (
              <Space>
                <Tag>{t(`rewards.catalog.kinds.${r.kind}`)}</Tag>
                {worth(r)}
              </Space>
            ),
          },
          { title: t('rewards.catalog.cost'), dataIndex: 'costPoints', align: 'right' },
          {
            title: t('rewards.catalog.stock'),
            render: (_, r) =>
              r.stockTotal === null
                ? t('rewards.catalog.unlimited')
                : t('rewards.catalog.stockLeft', { left: r.stockLeft, total: r.stockTotal }),
          },
          { title: t('rewards.catalog.issued'), dataIndex: 'issuedCount', align: 'right' },
          {
            title: t('common.status'),
            render: (_, r) =>
              r.active ? (
                <Tag color="green">{t('common.active')}</Tag>
              ) : (
                <Tag>{t('common.inactive')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Button type="link" onClick={() => setEditing(r)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <RewardDrawer
        reward={editing}
        currency={currency}
        onClose={() => setEditing(null)}
        onSubmit={save}
      />
    </>
  );
}

function Coupons() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>('');
  const coupons = useApiGet<CouponPage>(`/coupons${query({ status, limit: 200 })}`);
  return (
    <>
      <ErrorAlert error={coupons.error} />
      <Select
        style={{ width: 160, marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={[
          { value: '', label: t('rewards.coupons.all') },
          ...(['issued', 'redeemed', 'void'] as const).map((s) => ({
            value: s,
            label: t(`rewards.coupons.statuses.${s}`),
          })),
        ]}
      />
      <CouponsTable
        coupons={coupons.data?.items ?? []}
        loading={coupons.loading}
        showMember
        onChanged={coupons.reload}
      />
    </>
  );
}
