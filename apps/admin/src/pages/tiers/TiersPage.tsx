import { PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reward, Tier, TierReevaluation, TierSettings } from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { useApiGet, toApiError } from '../../use-api';
import { useCurrency } from '../../use-currency';
import { TierDrawer, toTierBody, type TierFields } from './TierDrawer';

/** Tiers: how members qualify, the levels with their privileges, and how many hold each. */
export function TiersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const currency = useCurrency();
  const settings = useApiGet<TierSettings>('/tier-settings');
  const tiers = useApiGet<Tier[]>('/tiers');
  const rewards = useApiGet<Reward[]>('/rewards');
  const [editing, setEditing] = useState<Tier | 'new' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const basis = settings.data?.basis ?? 'spend';
  const show = (n: number) =>
    basis === 'spend' ? formatMoney(n, currency, lang) : t('rewards.member.points', { n });

  const saveSettings = async (v: Omit<TierSettings, 'version'>) => {
    setError(null);
    try {
      await api.put('/tier-settings', { ...v, version: settings.data!.version });
      message.success(t('common.saved'));
      settings.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const saveTier = async (v: TierFields) => {
    const body = toTierBody(v, basis, currency);
    if (editing === 'new') await api.post('/tiers', body);
    else if (editing)
      await api.put(`/tiers/${editing.tierId}`, { ...body, version: editing.version });
    message.success(t('common.saved'));
    tiers.reload();
  };
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <Page
      title={t('rewards.nav.tiers')}
      description={t('rewards.tiers.description')}
      extra={
        <Space>
          <Button
            icon={<SyncOutlined />}
            onClick={() =>
              act(async () => {
                const r = await api.post<TierReevaluation>('/tiers/reevaluate', {});
                message.success(t('rewards.tiers.reevaluated', r));
                tiers.reload();
              })
            }
          >
            {t('rewards.tiers.reevaluate')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('rewards.tiers.add')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={error ?? settings.error ?? tiers.error} />
      {settings.data && (
        <Card size="small" title={t('rewards.tiers.settings')} style={{ marginBottom: 16 }}>
          <Form
            layout="inline"
            initialValues={settings.data}
            onFinish={saveSettings}
            key={settings.data.version}
          >
            <Form.Item name="basis" label={t('rewards.tiers.basis')}>
              <Select
                style={{ width: 140 }}
                options={[
                  { value: 'spend', label: t('rewards.tiers.basisSpend') },
                  { value: 'points', label: t('rewards.tiers.basisPoints') },
                ]}
              />
            </Form.Item>
            <Form.Item name="window" label={t('rewards.tiers.window')}>
              <Select
                style={{ width: 300 }}
                options={[
                  { value: 'rolling_12m', label: t('rewards.tiers.windowRolling') },
                  { value: 'calendar_year', label: t('rewards.tiers.windowYear') },
                  { value: 'since_change', label: t('rewards.tiers.windowSince') },
                ]}
              />
            </Form.Item>
            <Form.Item name="periodMonths" label={t('rewards.tiers.periodMonths')}>
              <InputNumber min={1} max={60} />
            </Form.Item>
            <Form.Item
              name="graceDays"
              label={t('rewards.tiers.graceDays')}
              tooltip={t('rewards.tiers.graceHelp')}
            >
              <InputNumber min={0} max={3650} />
            </Form.Item>
            <Button htmlType="submit">{t('common.save')}</Button>
          </Form>
        </Card>
      )}
      <Table<Tier>
        rowKey="tierId"
        loading={tiers.loading}
        dataSource={tiers.data ?? []}
        pagination={false}
        columns={[
          { title: t('rewards.tiers.name'), dataIndex: 'name' },
          { title: t('rewards.tiers.threshold'), render: (_, r) => show(r.threshold) },
          { title: t('rewards.tiers.multiplier'), render: (_, r) => `×${r.pointsMultiplier}` },
          {
            title: t('rewards.tiers.discount'),
            render: (_, r) => `${Math.round(r.discountRate * 10_000) / 100}%`,
          },
          { title: t('rewards.tiers.perks'), dataIndex: 'perks', ellipsis: true },
          {
            title: t('rewards.tiers.eventAccess'),
            render: (_, r) =>
              r.eventAccess ? <Tag color="green">{t('common.yes')}</Tag> : t('common.no'),
          },
          { title: t('rewards.tiers.members'), dataIndex: 'memberCount', align: 'right' },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Space size={0}>
                <Button type="link" onClick={() => setEditing(r)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('rewards.tiers.removeConfirm', { name: r.name })}
                  onConfirm={() =>
                    act(async () => {
                      await api.delete(`/tiers/${r.tierId}`);
                      tiers.reload();
                    })
                  }
                >
                  <Button type="link" danger>
                    {t('rewards.tiers.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <TierDrawer
        tier={editing}
        basis={basis}
        currency={currency}
        rewards={rewards.data ?? []}
        onClose={() => setEditing(null)}
        onSubmit={saveTier}
      />
    </Page>
  );
}
