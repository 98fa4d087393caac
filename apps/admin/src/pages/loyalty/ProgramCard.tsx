import {
  App,
  Button,
  Card,
  Form,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoyaltyProgram } from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toApiError } from '../../use-api';

type Fields = Omit<LoyaltyProgram, 'version' | 'awardedPoints'>;
export const PERIODS = ['day', 'month', 'year', 'lifetime'] as const;

/** The programme's settings: earning on or off, expiry, return window, debts, budget and caps. */
export function ProgramCard(props: { program: LoyaltyProgram; onSaved(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const policy = Form.useWatch('expiryPolicy', form) ?? props.program.expiryPolicy;
  const save = async (v: Fields) => {
    setBusy(true);
    setError(null);
    try {
      await api.put('/loyalty/program', {
        ...v,
        expiryPeriod: v.expiryPeriod ?? 0,
        budgetPoints: v.budgetPoints ?? null,
        memberCapPoints: v.memberCapPoints ?? null,
        version: props.program.version,
      });
      message.success(t('common.saved'));
      props.onSaved();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const periodLabel = {
    after_days: 'loyalty.program.expiryDays',
    end_of_month: 'loyalty.program.expiryMonths',
    end_of_year: 'loyalty.program.expiryYears',
  }[policy as string];
  return (
    <Card title={t('loyalty.program.title')} data-testid="program-card">
      <ErrorAlert error={error} />
      <Form<Fields> form={form} layout="vertical" initialValues={props.program} onFinish={save}>
        <Form.Item name="enabled" label={t('loyalty.program.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Space wrap align="start" size="large">
          <Form.Item name="expiryPolicy" label={t('loyalty.program.expiryPolicy')}>
            <Select
              style={{ width: 240 }}
              data-testid="expiry-policy"
              options={[
                { value: 'never', label: t('loyalty.program.never') },
                { value: 'after_days', label: t('loyalty.program.afterDays') },
                { value: 'end_of_month', label: t('loyalty.program.endOfMonth') },
                { value: 'end_of_year', label: t('loyalty.program.endOfYear') },
              ]}
            />
          </Form.Item>
          {periodLabel && (
            <Form.Item name="expiryPeriod" label={t(periodLabel)}>
              <InputNumber min={0} max={36_500} />
            </Form.Item>
          )}
          <Form.Item
            name="returnWindowDays"
            label={t('loyalty.program.returnWindow')}
            extra={t('loyalty.program.returnWindowHelp')}
          >
            <InputNumber min={0} max={365} />
          </Form.Item>
        </Space>
        <Form.Item name="allowNegativeBalance" label={t('loyalty.program.negative')}>
          <Radio.Group
            options={[
              { value: true, label: t('loyalty.program.negativeAllow') },
              { value: false, label: t('loyalty.program.negativeRefuse') },
            ]}
          />
        </Form.Item>
        <Space wrap align="start" size="large">
          <Form.Item
            name="budgetPoints"
            label={t('loyalty.program.budget')}
            extra={t('loyalty.program.awarded', { n: props.program.awardedPoints })}
          >
            <InputNumber min={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="memberCapPoints" label={t('loyalty.program.memberCap')}>
            <InputNumber min={1} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="memberCapPeriod" label={t('loyalty.program.per')}>
            <Select
              style={{ width: 120 }}
              options={PERIODS.map((p) => ({ value: p, label: t(`loyalty.period.${p}`) }))}
            />
          </Form.Item>
        </Space>
        <Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="save-program">
            {t('common.save')}
          </Button>
        </Typography.Paragraph>
      </Form>
    </Card>
  );
}
