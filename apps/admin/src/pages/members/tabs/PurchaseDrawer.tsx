import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../../components/FormDrawer';
import { minorDigits } from '../../../format';
import { useSession } from '../../../session';

export type PurchaseFields = {
  storeId?: string | null;
  occurredAt?: string;
  lines: { sku?: string; name?: string; quantity: number; unitPrice: number }[];
  total?: number | null;
};

/** The API body: prices typed in the currency's units become whole minor units. */
export function toPurchaseBody(v: PurchaseFields, memberId: string, currency: string) {
  const factor = 10 ** minorDigits(currency);
  const minor = (x: number) => Math.round(x * factor);
  return {
    memberId,
    storeId: v.storeId ?? null,
    channel: 'manual',
    ...(v.occurredAt ? { occurredAt: new Date(v.occurredAt).toISOString() } : {}),
    lines: v.lines.map((l) => ({
      ...(l.sku?.trim() ? { sku: l.sku.trim() } : {}),
      ...(l.name?.trim() ? { name: l.name.trim() } : {}),
      quantity: l.quantity,
      unitPriceMinor: minor(l.unitPrice),
    })),
    ...(v.total !== undefined && v.total !== null ? { totalMinor: minor(v.total) } : {}),
  };
}

/** Enters a purchase by hand: lines by SKU from the catalog, or by a free name. */
export function PurchaseDrawer(props: {
  open: boolean;
  onClose(): void;
  onSubmit(v: PurchaseFields): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <FormDrawer<PurchaseFields>
      title={t('purchases.add')}
      open={props.open}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      width={720}
      initialValues={{
        storeId: session.storeId,
        lines: [{ quantity: 1, unitPrice: 0 }],
      }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="storeId" label={t('purchases.store')}>
            <Select
              allowClear
              options={session.stores.map((s) => ({ value: s.storeId, label: s.name }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="occurredAt" label={t('purchases.time')} extra={t('purchases.timeHelp')}>
            <Input type="datetime-local" />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="lines">
        {(lines, { add, remove }) => (
          <>
            {lines.map((line, i) => (
              <Row key={line.key} gutter={8} align="top">
                <Col span={5}>
                  <Form.Item name={[line.name, 'sku']} label={i === 0 ? t('purchases.sku') : ''}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    name={[line.name, 'name']}
                    label={i === 0 ? t('purchases.item') : ''}
                    dependencies={[['lines', line.name, 'sku']]}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_, v: string | undefined) =>
                          v?.trim() || getFieldValue(['lines', line.name, 'sku'])?.trim()
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('purchases.skuOrName'))),
                      }),
                    ]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item
                    name={[line.name, 'quantity']}
                    label={i === 0 ? t('purchases.quantity') : ''}
                    rules={[{ required: true, message: t('form.required') }]}
                  >
                    <InputNumber min={0.001} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item
                    name={[line.name, 'unitPrice']}
                    label={i === 0 ? t('purchases.unitPrice') : ''}
                    rules={[{ required: true, message: t('form.required') }]}
                  >
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={2} style={{ paddingTop: i === 0 ? 30 : 0 }}>
                  {lines.length > 1 && (
                    <Button
                      type="text"
                      aria-label={t('common.delete')}
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(line.name)}
                    />
                  )}
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ quantity: 1, unitPrice: 0 })}
              style={{ marginBottom: 16 }}
            >
              {t('purchases.addLine')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="total" label={t('purchases.paid')} extra={t('purchases.paidHelp')}>
        <InputNumber min={0} style={{ width: 200 }} />
      </Form.Item>
    </FormDrawer>
  );
}
