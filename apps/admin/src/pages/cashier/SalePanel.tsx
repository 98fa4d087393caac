import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { AwardList } from '../loyalty/AwardList';
import { ProductPicker } from './ProductPicker';
import type { Sale } from './use-sale';

/** The purchase being rung up: products or amounts, coupons taken off, points it will earn. */
export function SalePanel(props: { sale: Sale; currency: string; hasMember: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { sale, currency } = props;
  const money = (minor: number) => formatMoney(minor, currency, lang);
  const locked = sale.uncertain || sale.busy;
  const preview = sale.preview.data;
  return (
    <div className="cashier-sale-panel" data-testid="sale">
      <ProductPicker
        currency={currency}
        disabled={locked}
        onProduct={sale.addProduct}
        onAmount={sale.addAmount}
      />
      <div className="cashier-lines" data-testid="sale-lines">
        {sale.lines.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cashier.sale.empty')} />
        )}
        {sale.lines.map((l) => (
          <div key={l.key} className="cashier-line" data-testid="sale-line">
            <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
              {l.name}
            </Typography.Text>
            <Flex align="center" gap={4}>
              <Button
                size="large"
                shape="circle"
                icon={<MinusOutlined />}
                aria-label={t('cashier.sale.less')}
                disabled={locked}
                onClick={() => sale.setQuantity(l.key, l.quantity - 1)}
                data-testid="line-less"
              />
              <span className="cashier-qty" data-testid="line-qty">
                {l.quantity}
              </span>
              <Button
                size="large"
                shape="circle"
                icon={<PlusOutlined />}
                aria-label={t('cashier.sale.more')}
                disabled={locked}
                onClick={() => sale.setQuantity(l.key, l.quantity + 1)}
                data-testid="line-more"
              />
            </Flex>
            <span className="cashier-amount">
              {money(Math.round(l.quantity * l.unitPriceMinor))}
            </span>
          </div>
        ))}
      </div>
      <div className="cashier-sale-footer">
        {sale.coupons.length > 0 && (
          <>
            <Flex justify="space-between">
              <span>{t('cashier.sale.subtotal')}</span>
              <span>{money(sale.subtotal)}</span>
            </Flex>
            {sale.coupons.map((c) => (
              <Flex justify="space-between" key={c.code} data-testid="sale-coupon">
                <span>
                  {t('cashier.sale.coupon', { code: c.code })} · {c.rewardName}
                </span>
                <span>{c.discountMinor ? `−${money(c.discountMinor)}` : ''}</span>
              </Flex>
            ))}
          </>
        )}
        <Flex justify="space-between" align="baseline">
          <Typography.Text strong style={{ fontSize: 18 }}>
            {t('cashier.sale.total')}
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 22 }} data-testid="sale-total">
            {money(sale.total)}
          </Typography.Text>
        </Flex>
        {preview && (
          <div data-testid="sale-preview" className="cashier-preview">
            <Typography.Text strong>
              {preview.points > 0
                ? t('cashier.sale.earns', { points: preview.points.toLocaleString(lang) })
                : t('cashier.sale.earnsNone')}
            </Typography.Text>
            <AwardList awards={preview.awards} />
          </div>
        )}
        {sale.preview.error && (
          <Typography.Text type="secondary">{sale.preview.error.message}</Typography.Text>
        )}
        {sale.uncertain && (
          <Alert
            type="warning"
            showIcon
            title={t('cashier.sale.uncertain')}
            style={{ marginTop: 8 }}
          />
        )}
        {sale.error && !sale.uncertain && (
          <div style={{ marginTop: 8 }}>
            <ErrorAlert error={sale.error} />
          </div>
        )}
        <Flex gap={8} style={{ marginTop: 8 }}>
          {!sale.uncertain && sale.lines.length > 0 && (
            <Button
              size="large"
              className="cashier-big"
              onClick={sale.clearLines}
              disabled={sale.busy}
            >
              {t('cashier.sale.clear')}
            </Button>
          )}
          <Button
            type="primary"
            size="large"
            block
            className="cashier-big"
            disabled={!props.hasMember || sale.lines.length === 0}
            loading={sale.busy}
            onClick={() => void sale.submit()}
            data-testid="sale-record"
          >
            {!props.hasMember
              ? t('cashier.sale.findFirst')
              : sale.busy
                ? t('cashier.sale.recording')
                : sale.uncertain
                  ? t('cashier.sale.retry')
                  : t('cashier.sale.record', { amount: money(sale.total) })}
          </Button>
        </Flex>
      </div>
    </div>
  );
}
