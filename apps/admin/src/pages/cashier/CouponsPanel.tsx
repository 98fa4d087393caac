import { GiftOutlined } from '@ant-design/icons';
import { App, Button, Input, Space, Tag, Typography, type ButtonProps } from 'antd';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coupon, CouponRedeemed } from '@regulars/contracts';
import type { z } from 'zod';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import { toApiError } from '../../use-api';
import { isCouponQr } from './lookup';
import { retryingPoster } from './retry-key';
import { ScanButton } from './ScanButton';

type Redeemed = z.infer<typeof CouponRedeemed>;
type CouponRef = { code: string } | { qr: string };

/**
 * The member's usable coupons, each one tap (and a confirmation) from being used, and a box for a
 * code typed or scanned from the member's phone or a paper coupon.
 */
export function CouponsPanel(props: {
  coupons: Coupon[];
  memberId: string;
  currency: string;
  basketMinor: number;
  purchaseRef: string;
  storeId: string | null;
  onUsed(coupon: Coupon, discountMinor: number | null): void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const lang = currentLanguage();
  const post = useRef(retryingPoster());
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // In portrait the member's side scrolls: bring the till's answer into view.
  const errorBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorBox.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);

  const redeem = async (ref: CouponRef) => {
    setBusy(true);
    setError(null);
    try {
      const out = await post.current<Redeemed>('/coupons/redeem', {
        ...ref,
        memberId: props.memberId,
        ...(props.basketMinor > 0 ? { basketMinor: props.basketMinor } : {}),
        purchaseRef: props.purchaseRef,
        ...(props.storeId ? { storeId: props.storeId } : {}),
      });
      const amount = out.discountMinor ? formatMoney(out.discountMinor, props.currency, lang) : '';
      void message.success(
        amount
          ? t('cashier.coupons.usedDiscount', { code: out.coupon.code, amount })
          : t('cashier.coupons.used', { code: out.coupon.code }),
      );
      setText('');
      props.onUsed(out.coupon, out.discountMinor);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const describe = (c: Coupon) =>
    [
      c.kind === 'fixed_amount' && c.amountMinor
        ? formatMoney(c.amountMinor, props.currency, lang)
        : c.kind === 'percent' && c.percentOff
          ? `${c.percentOff}%`
          : (c.itemName ?? t(`rewards.catalog.kinds.${c.kind}`)),
      c.minSpendMinor > 0 &&
        t('cashier.coupons.minSpend', {
          amount: formatMoney(c.minSpendMinor, props.currency, lang),
        }),
      t('cashier.coupons.until', { date: formatDate(c.validUntil, lang) }),
    ]
      .filter(Boolean)
      .join(' · ');

  const confirm = (c: Coupon, ref: CouponRef) =>
    c.memberId !== props.memberId
      ? // Coupons are personal: the till refuses another member's (the server would too).
        modal.error({
          title: t('cashier.coupons.confirm', { name: c.rewardName, code: c.code }),
          content: t('cashier.coupons.otherMember', { name: c.memberName }),
          okButtonProps: { size: 'large' },
        })
      : modal.confirm({
          title: t('cashier.coupons.confirm', { name: c.rewardName, code: c.code }),
          content: describe(c),
          okText: t('cashier.coupons.redeem'),
          okButtonProps: { size: 'large', 'data-testid': 'coupon-confirm' } as ButtonProps,
          cancelButtonProps: { size: 'large' },
          onOk: () => redeem(ref),
        });

  const tryTyped = async (raw: string) => {
    const value = raw.trim();
    if (!value) return;
    const ref: CouponRef = isCouponQr(value) ? { qr: value } : { code: value };
    setError(null);
    try {
      const c = await api.post<Coupon>('/coupons/check', ref);
      // A used, void or lapsed coupon: the till's answer says exactly why it cannot be used.
      if (!c.usable) await redeem(ref);
      else confirm(c, ref);
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void tryTyped(text);
  };

  return (
    <div data-testid="coupons" className="cashier-coupons">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <GiftOutlined /> {t('cashier.coupons.title')}
      </Typography.Title>
      {props.coupons.length === 0 && (
        <Typography.Text type="secondary">{t('cashier.coupons.none')}</Typography.Text>
      )}
      {props.coupons.map((c) => (
        <div key={c.couponId} className="cashier-coupon" data-testid="coupon">
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{c.rewardName}</Typography.Text>{' '}
            <Tag>{t(`rewards.catalog.kinds.${c.kind}`)}</Tag>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                <code>{c.code}</code> · {describe(c)}
              </Typography.Text>
            </div>
          </div>
          <Button
            size="large"
            className="cashier-touch"
            disabled={busy}
            data-testid="coupon-use"
            onClick={() => confirm(c, { code: c.code })}
          >
            {t('cashier.coupons.use')}
          </Button>
        </div>
      ))}
      {error && (
        <div style={{ marginTop: 8 }} ref={errorBox}>
          <ErrorAlert error={error} />
        </div>
      )}
      <form onSubmit={onSubmit} style={{ marginTop: 12 }}>
        <Space.Compact block>
          <Input
            size="large"
            allowClear
            autoComplete="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('cashier.coupons.codePlaceholder')}
            aria-label={t('cashier.coupons.codePlaceholder')}
            data-testid="coupon-box"
            className="cashier-input"
          />
          <ScanButton
            title={t('cashier.find.scanCouponTitle')}
            testId="coupon-scan"
            onScan={(s) => void tryTyped(s)}
          />
          <Button
            size="large"
            htmlType="submit"
            loading={busy}
            className="cashier-touch"
            data-testid="coupon-redeem"
          >
            {t('cashier.coupons.redeem')}
          </Button>
        </Space.Compact>
      </form>
    </div>
  );
}
