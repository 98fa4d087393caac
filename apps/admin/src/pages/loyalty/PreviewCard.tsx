import { Button, Card, Form, Input, InputNumber, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleAward } from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { minorDigits } from '../../format';
import { toApiError } from '../../use-api';
import { AwardList } from './AwardList';

/** What a basket would earn under today's rules, computed by the server without writing. */
export function PreviewCard(props: { currency: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ points: number; awards: RuleAward[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (v: { amount: number; sku?: string }) => {
    setError(null);
    try {
      const unitPriceMinor = Math.round(v.amount * 10 ** minorDigits(props.currency));
      const line = v.sku
        ? { sku: v.sku, name: v.sku, unitPriceMinor }
        : { name: 'preview', unitPriceMinor };
      setResult(await api.post('/loyalty/preview', { lines: [line] }));
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <Card title={t('loyalty.preview.title')} data-testid="preview-card">
      <ErrorAlert error={error} />
      <Form layout="inline" onFinish={run}>
        <Form.Item
          name="amount"
          label={t('loyalty.preview.amount', { currency: props.currency })}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <InputNumber min={0} data-testid="preview-amount" />
        </Form.Item>
        <Form.Item name="sku" label={t('loyalty.preview.sku')}>
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Button htmlType="submit" data-testid="preview-run">
          {t('loyalty.preview.run')}
        </Button>
      </Form>
      {result && (
        <Space direction="vertical" style={{ marginTop: 16 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="preview-result">
            {t('loyalty.preview.result', { points: result.points })}
          </Typography.Title>
          {result.awards.length ? (
            <AwardList awards={result.awards} />
          ) : (
            <List
              dataSource={[t('loyalty.preview.nothing')]}
              renderItem={(x) => <List.Item>{x}</List.Item>}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
