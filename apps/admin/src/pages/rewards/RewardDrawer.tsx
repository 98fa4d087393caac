import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { RewardKind, type Reward } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';
import { minorDigits } from '../../format';

export type RewardFields = {
  kind: Reward['kind'];
  name: string;
  description?: string;
  amount?: number | null;
  percentOff?: number | null;
  itemName?: string | null;
  minSpend?: number | null;
  costPoints?: number | null;
  stockTotal?: number | null;
  perMemberLimit?: number | null;
  /** Local date and time as the browser's datetime input gives it (2026-12-01T10:00). */
  validFrom?: string | null;
  validUntil?: string | null;
  couponValidDays?: number | null;
  redeemable: boolean;
  active: boolean;
};

/** The API body: money in currency units becomes minor units; fields of other kinds are dropped. */
export function toRewardBody(v: RewardFields, currency: string) {
  const scale = 10 ** minorDigits(currency);
  return {
    kind: v.kind,
    name: v.name.trim(),
    description: v.description ?? '',
    amountMinor: v.kind === 'fixed_amount' && v.amount ? Math.round(v.amount * scale) : null,
    percentOff: v.kind === 'percent' ? (v.percentOff ?? null) : null,
    itemName: v.kind === 'free_item' || v.kind === 'gift' ? v.itemName?.trim() || null : null,
    minSpendMinor: Math.round((v.minSpend ?? 0) * scale),
    costPoints: v.costPoints ?? 0,
    stockTotal: v.stockTotal ?? null,
    perMemberLimit: v.perMemberLimit ?? null,
    validFrom: v.validFrom ? new Date(v.validFrom).toISOString() : null,
    validUntil: v.validUntil ? new Date(v.validUntil).toISOString() : null,
    couponValidDays: v.couponValidDays ?? 30,
    redeemable: v.redeemable,
    active: v.active,
  };
}

/** An instant as the browser's datetime-local input shows it, in the browser's time zone. */
const localInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** One reward of the catalog: what it gives, what it costs, stock, limits and dates. */
export function RewardDrawer(props: {
  reward: Reward | 'new' | null;
  currency: string;
  onClose(): void;
  onSubmit(v: RewardFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RewardFields>();
  const kind = Form.useWatch('kind', form);
  const r = props.reward && props.reward !== 'new' ? props.reward : null;
  const scale = 10 ** minorDigits(props.currency);
  const money = { currency: props.currency };
  return (
    <FormDrawer<RewardFields>
      title={r ? t('rewards.catalog.edit') : t('rewards.catalog.add')}
      open={!!props.reward}
      form={form}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      width={520}
      initialValues={
        r
          ? {
              ...r,
              amount: r.amountMinor === null ? null : r.amountMinor / scale,
              minSpend: r.minSpendMinor / scale,
              validFrom: r.validFrom ? localInput(r.validFrom) : null,
              validUntil: r.validUntil ? localInput(r.validUntil) : null,
            }
          : {
              kind: 'fixed_amount',
              redeemable: true,
              active: true,
              couponValidDays: 30,
              costPoints: 0,
            }
      }
    >
      <Form.Item name="kind" label={t('rewards.catalog.kind')}>
        <Select
          options={RewardKind.options.map((k) => ({
            value: k,
            label: t(`rewards.catalog.kinds.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('rewards.catalog.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={80} />
      </Form.Item>
      {kind === 'fixed_amount' && (
        <Form.Item
          name="amount"
          label={t('rewards.catalog.amount', money)}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <InputNumber min={0.01} style={{ width: 200 }} />
        </Form.Item>
      )}
      {kind === 'percent' && (
        <Form.Item
          name="percentOff"
          label={t('rewards.catalog.percent')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <InputNumber min={0.01} max={100} style={{ width: 200 }} />
        </Form.Item>
      )}
      {(kind === 'free_item' || kind === 'gift') && (
        <Form.Item
          name="itemName"
          label={t('rewards.catalog.item')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={120} />
        </Form.Item>
      )}
      <Form.Item name="description" label={t('rewards.catalog.description2')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="minSpend" label={t('rewards.catalog.minSpend', money)}>
        <InputNumber min={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="costPoints" label={t('rewards.catalog.cost')}>
        <InputNumber min={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="stockTotal"
        label={t('rewards.catalog.stock')}
        extra={t('rewards.catalog.stockHelp')}
      >
        <InputNumber min={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="perMemberLimit" label={t('rewards.catalog.limit')}>
        <InputNumber min={1} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="validFrom" label={t('rewards.catalog.validFrom')}>
        <Input type="datetime-local" style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="validUntil" label={t('rewards.catalog.validUntil')}>
        <Input type="datetime-local" style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="couponValidDays" label={t('rewards.catalog.couponDays')}>
        <InputNumber min={1} max={3660} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="redeemable" label={t('rewards.catalog.redeemable')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="active" label={t('common.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDrawer>
  );
}
