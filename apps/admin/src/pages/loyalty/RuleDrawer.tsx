import {
  AutoComplete,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { BUILT_IN_ACTIONS, type EarningRule } from '@regulars/contracts';
import { FormDrawer } from '../../components/FormDrawer';
import { minorDigits } from '../../format';
import { PERIODS } from './ProgramCard';

export type RuleFields = {
  name: string;
  kind: 'spend' | 'action';
  action?: string;
  points: number;
  perAmount?: number;
  storeIds?: string[];
  categoryIds?: string[];
  productIds?: string[];
  weekdays?: number[];
  startsOn?: string;
  endsOn?: string;
  applyTierMultiplier: boolean;
  capPerMember?: number | null;
  capPeriod: EarningRule['capPeriod'];
  budgetPoints?: number | null;
  active: boolean;
};
type Option = { value: string; label: string };

/** The API body: money typed in currency units becomes minor units, dates ISO days. */
export function toRuleBody(v: RuleFields, currency: string) {
  return {
    name: v.name.trim(),
    kind: v.kind,
    action: v.kind === 'action' ? (v.action ?? null) : null,
    points: v.points,
    perAmountMinor:
      v.kind === 'spend' && v.perAmount
        ? Math.round(v.perAmount * 10 ** minorDigits(currency))
        : null,
    storeIds: v.storeIds ?? [],
    categoryIds: v.kind === 'spend' ? (v.categoryIds ?? []) : [],
    productIds: v.kind === 'spend' ? (v.productIds ?? []) : [],
    weekdays: v.weekdays ?? [],
    startsOn: v.startsOn || null,
    endsOn: v.endsOn || null,
    applyTierMultiplier: v.applyTierMultiplier,
    capPerMember: v.capPerMember ?? null,
    capPeriod: v.capPeriod,
    budgetPoints: v.budgetPoints ?? null,
    active: v.active,
  };
}

export function fieldsOfRule(r: EarningRule, currency: string): Partial<RuleFields> {
  return {
    ...r,
    action: r.action ?? undefined,
    perAmount: r.perAmountMinor ? r.perAmountMinor / 10 ** minorDigits(currency) : undefined,
    startsOn: r.startsOn ?? undefined,
    endsOn: r.endsOn ?? undefined,
  };
}

/** One earning rule: what it gives, where and when, and its limits. */
export function RuleDrawer(props: {
  rule: EarningRule | 'new' | null;
  currency: string;
  stores: Option[];
  categories: Option[];
  products: Option[];
  onClose(): void;
  onSubmit(v: RuleFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleFields>();
  const kind = Form.useWatch('kind', form);
  const existing = props.rule && props.rule !== 'new' ? props.rule : null;
  return (
    <FormDrawer<RuleFields>
      title={existing ? t('loyalty.rules.edit') : t('loyalty.rules.add')}
      open={!!props.rule}
      form={form}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      width={560}
      fieldsOf={(e) =>
        e.code === 'rule.invalid' && typeof e.details.field === 'string'
          ? [[e.details.field === 'perAmountMinor' ? 'perAmount' : e.details.field]]
          : []
      }
      initialValues={
        existing
          ? fieldsOfRule(existing, props.currency)
          : { kind: 'spend', points: 1, applyTierMultiplier: true, capPeriod: 'day', active: true }
      }
    >
      <Form.Item
        name="name"
        label={t('loyalty.rules.name')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={100} data-testid="rule-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('loyalty.rules.kind')}>
        <Radio.Group
          options={[
            { value: 'spend', label: t('loyalty.rules.spend') },
            { value: 'action', label: t('loyalty.rules.action') },
          ]}
        />
      </Form.Item>
      <Space align="start">
        <Form.Item
          name="points"
          label={t('loyalty.rules.points')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <InputNumber min={1} data-testid="rule-points" />
        </Form.Item>
        {kind !== 'action' ? (
          <Form.Item
            name="perAmount"
            label={t('loyalty.rules.perAmountMinor', { currency: props.currency })}
          >
            <InputNumber min={0} data-testid="rule-per-amount" />
          </Form.Item>
        ) : (
          <Form.Item
            name="action"
            label={t('loyalty.rules.actionKey')}
            extra={t('loyalty.rules.actionHelp')}
          >
            <AutoComplete
              style={{ width: 220 }}
              options={BUILT_IN_ACTIONS.map((a) => ({
                value: a,
                label: t(`loyalty.actions.${a}`),
              }))}
            />
          </Form.Item>
        )}
      </Space>
      <Form.Item name="storeIds" label={t('loyalty.rules.stores')}>
        <Select mode="multiple" allowClear options={props.stores} optionFilterProp="label" />
      </Form.Item>
      {kind !== 'action' && (
        <>
          <Form.Item name="categoryIds" label={t('loyalty.rules.categories')}>
            <Select
              mode="multiple"
              allowClear
              options={props.categories}
              optionFilterProp="label"
            />
          </Form.Item>
          <Form.Item name="productIds" label={t('loyalty.rules.products')}>
            <Select mode="multiple" allowClear options={props.products} optionFilterProp="label" />
          </Form.Item>
        </>
      )}
      <Form.Item name="weekdays" label={t('loyalty.rules.weekdays')}>
        <Checkbox.Group
          options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
            value: d,
            label: t(`loyalty.weekday.d${d}`),
          }))}
        />
      </Form.Item>
      <Space align="start">
        <Form.Item name="startsOn" label={t('loyalty.rules.startsOn')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="endsOn" label={t('loyalty.rules.endsOn')}>
          <Input type="date" />
        </Form.Item>
      </Space>
      <Form.Item
        name="applyTierMultiplier"
        label={t('loyalty.rules.tierMultiplier')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Space align="start">
        <Form.Item name="capPerMember" label={t('loyalty.rules.capPerMember')}>
          <InputNumber min={1} />
        </Form.Item>
        <Form.Item name="capPeriod" label={t('loyalty.program.per')}>
          <Select
            style={{ width: 120 }}
            options={PERIODS.map((p) => ({ value: p, label: t(`loyalty.period.${p}`) }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="budgetPoints" label={t('loyalty.rules.budget')}>
        <InputNumber min={0} />
      </Form.Item>
      <Form.Item name="active" label={t('loyalty.rules.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDrawer>
  );
}
