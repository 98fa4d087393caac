import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Input, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '@regulars/contracts';
import { api, query } from '../../api';
import { formatMoney, minorDigits } from '../../format';
import { currentLanguage } from '../../i18n';
import { useApiGet } from '../../use-api';

type ProductPage = { items: Product[]; nextCursor: string | null };

/**
 * The catalog as tiles to tap (searched by name or SKU), and an amount for what the catalog lacks.
 */
export function ProductPicker(props: {
  currency: string;
  disabled: boolean;
  onProduct(p: Product): void;
  onAmount(minor: number, name: string): void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(id);
  }, [text]);
  const products = useApiGet<ProductPage>(`/products${query({ q, limit: 60 })}`);
  const items = (products.data?.items ?? []).filter((p) => p.active);
  const [amount, setAmount] = useState<number | null>(null);
  const [name, setName] = useState('');
  const digits = minorDigits(props.currency);

  // A barcode scanner types the SKU and Enter: the product with that SKU (or the only match) is added.
  const scanned = async (raw: string) => {
    const value = raw.trim();
    if (!value || props.disabled) return;
    const found = await api
      .get<ProductPage>(`/products${query({ q: value, limit: 5 })}`)
      .catch(() => null);
    const active = (found?.items ?? []).filter((p) => p.active);
    const hit =
      active.find((p) => p.sku.toLowerCase() === value.toLowerCase()) ??
      (active.length === 1 ? active[0] : undefined);
    if (!hit) return;
    props.onProduct(hit);
    setText('');
  };
  const addAmount = (e: FormEvent) => {
    e.preventDefault();
    if (!amount || amount <= 0) return;
    props.onAmount(Math.round(amount * 10 ** digits), name.trim() || t('cashier.sale.otherItems'));
    setAmount(null);
    setName('');
  };

  return (
    <div className="cashier-picker">
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('cashier.sale.search')}
        aria-label={t('cashier.sale.search')}
        onPressEnter={() => void scanned(text)}
        data-testid="product-search"
        className="cashier-input"
      />
      <div className="cashier-tiles" data-testid="product-tiles">
        {items.map((p) => (
          <button
            type="button"
            key={p.productId}
            className="cashier-tile"
            disabled={props.disabled}
            onClick={() => props.onProduct(p)}
            data-testid="product-tile"
            data-sku={p.sku}
          >
            <span className="cashier-tile-name">{p.name}</span>
            <span className="cashier-tile-price">
              {formatMoney(p.priceMinor, props.currency, lang)}
            </span>
          </button>
        ))}
        {products.data && !items.length && (
          <Typography.Text type="secondary">{t('cashier.sale.noProducts')}</Typography.Text>
        )}
        {products.error?.status === 403 && (
          <Alert type="info" showIcon title={t('cashier.sale.cannotBrowse')} />
        )}
      </div>
      <form onSubmit={addAmount}>
        <Space.Compact block>
          <InputNumber<number>
            size="large"
            min={0}
            precision={digits}
            value={amount}
            onChange={setAmount}
            placeholder={t('cashier.sale.amount')}
            aria-label={t('cashier.sale.amount')}
            inputMode="decimal"
            data-testid="amount-box"
            className="cashier-input cashier-amount-input"
          />
          <Input
            size="large"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('cashier.sale.amountName')}
            rootClassName="cashier-amount-name"
            aria-label={t('cashier.sale.amountName')}
            maxLength={200}
            className="cashier-input"
          />
          <Button
            size="large"
            htmlType="submit"
            icon={<PlusOutlined />}
            disabled={props.disabled || !amount}
            data-testid="amount-add"
            className="cashier-touch"
          >
            {t('cashier.sale.addAmount')}
          </Button>
        </Space.Compact>
      </form>
    </div>
  );
}
