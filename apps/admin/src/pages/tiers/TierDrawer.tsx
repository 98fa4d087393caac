import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Reward, Tier } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';
import { minorDigits } from '../../format';

export type TierFields = {
  name: string;
  threshold: number;
  pointsMultiplier: number;
  discountPercent: number;
  perks?: string;
  eventAccess: boolean;
  perkRewardId?: string | null;
};

/** The API body: money thresholds typed in currency units become minor units, percent a rate. */
export function toTierBody(v: TierFields, basis: 'points' | 'spend', currency: string) {
  const scale = basis === 'spend' ? 10 ** minorDigits(currency) : 1;
  return {
    name: v.name.trim(),
    threshold: Math.round(v.threshold * scale),
    pointsMultiplier: v.pointsMultiplier,
    discountRate: Math.round(v.discountPercent * 100) / 10_000,
    perks: v.perks ?? '',
    eventAccess: v.eventAccess,
    perkRewardId: v.perkRewardId ?? null,
  };
}

/** One tier: its name, threshold, and privileges. */
export function TierDrawer(props: {
  tier: Tier | 'new' | null;
  basis: 'points' | 'spend';
  currency: string;
  rewards: Reward[];
  onClose(): void;
  onSubmit(v: TierFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const existing = props.tier && props.tier !== 'new' ? props.tier : null;
  const scale = props.basis === 'spend' ? 10 ** minorDigits(props.currency) : 1;
  return (
    <FormDrawer<TierFields>
      title={existing ? t('rewards.tiers.edit') : t('rewards.tiers.add')}
      open={!!props.tier}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      width={480}
      fieldsOf={(e) => (e.code === 'conflict.duplicate' ? [['threshold']] : [])}
      initialValues={
        existing
          ? {
              ...existing,
              threshold: existing.threshold / scale,
              discountPercent: Math.round(existing.discountRate * 10_000) / 100,
            }
          : { pointsMultiplier: 1, discountPercent: 0, eventAccess: false }
      }
    >
      <Form.Item
        name="name"
        label={t('rewards.tiers.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item
        name="threshold"
        label={
          props.basis === 'spend'
            ? t('rewards.tiers.thresholdMoney', { currency: props.currency })
            : t('rewards.tiers.thresholdPoints')
        }
        rules={[{ required: true, message: t('form.required') }]}
      >
        <InputNumber min={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="pointsMultiplier" label={t('rewards.tiers.multiplier')}>
        <InputNumber min={0} max={100} step={0.1} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="discountPercent" label={t('rewards.tiers.discount')}>
        <InputNumber min={0} max={99} step={0.5} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="perks" label={t('rewards.tiers.perks')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="eventAccess" label={t('rewards.tiers.eventAccess')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="perkRewardId" label={t('rewards.tiers.perkReward')}>
        <Select
          allowClear
          options={props.rewards.map((r) => ({ value: r.rewardId, label: r.name }))}
        />
      </Form.Item>
    </FormDrawer>
  );
}
