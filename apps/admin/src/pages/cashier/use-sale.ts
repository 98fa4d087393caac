import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EarningPreview, PosPurchaseResult, Product } from '@regulars/contracts';
import type { z } from 'zod';
import { api, ApiError, newKey } from '../../api';
import { toApiError } from '../../use-api';
import { lostAnswer, retryingPoster } from './retry-key';

export type SaleLine = {
  key: string;
  sku: string | null;
  name: string;
  quantity: number;
  unitPriceMinor: number;
};
/** A coupon used on this sale, and what it took off (null: not an amount, e.g. a free item). */
export type SaleCoupon = { code: string; rewardName: string; discountMinor: number | null };
export type PurchaseResult = z.infer<typeof PosPurchaseResult>;
type Preview = z.infer<typeof EarningPreview>;

const emptySale = () => ({
  externalId: `till-${newKey()}`,
  lines: [] as SaleLine[],
  coupons: [] as SaleCoupon[],
});

/**
 * One sale at the till: its lines, the coupons used on it, the points it would earn (previewed as
 * the lines change) and its recording. The external id is made once per sale, so a double tap or a
 * retry after a lost answer records one purchase.
 */
export function useSale(memberId: string | null, storeId: string | null) {
  const [sale, setSale] = useState(emptySale);
  const [preview, setPreview] = useState<{ data: Preview | null; error: ApiError | null }>({
    data: null,
    error: null,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** The answer to the last send was lost: the lines stay as sent until it is sent again. */
  const [uncertain, setUncertain] = useState(false);
  const [result, setResult] = useState<PurchaseResult | null>(null);
  const post = useRef(retryingPoster());
  const sending = useRef(false);

  const subtotal = sale.lines.reduce((s, l) => s + Math.round(l.quantity * l.unitPriceMinor), 0);
  const discount = sale.coupons.reduce((s, c) => s + (c.discountMinor ?? 0), 0);
  const total = Math.max(0, subtotal - discount);
  const body = useMemo(
    () => ({
      lines: sale.lines.map((l) => ({
        ...(l.sku ? { sku: l.sku } : {}),
        name: l.name,
        quantity: l.quantity,
        unitPriceMinor: l.unitPriceMinor,
      })),
      ...(discount > 0 ? { totalMinor: total } : {}),
    }),
    [sale.lines, discount, total],
  );

  useEffect(() => {
    if (!body.lines.length) return;
    let live = true;
    const id = setTimeout(() => {
      api
        .post<Preview>('/loyalty/preview', { ...body, memberId: memberId ?? undefined, storeId })
        .then(
          (data) => live && setPreview({ data, error: null }),
          (e: unknown) => live && setPreview({ data: null, error: toApiError(e) }),
        );
    }, 300);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [body, memberId, storeId]);

  const edit = (fn: (lines: SaleLine[]) => SaleLine[]) => {
    if (uncertain || result) return;
    setError(null);
    setSale((s) => ({ ...s, lines: fn(s.lines) }));
  };
  const addProduct = (p: Product) =>
    edit((lines) =>
      lines.some((l) => l.sku === p.sku)
        ? lines.map((l) => (l.sku === p.sku ? { ...l, quantity: l.quantity + 1 } : l))
        : [
            ...lines,
            {
              key: p.productId,
              sku: p.sku,
              name: p.name,
              quantity: 1,
              unitPriceMinor: p.priceMinor,
            },
          ],
    );
  const addAmount = (unitPriceMinor: number, name: string) =>
    edit((lines) => [...lines, { key: newKey(), sku: null, name, quantity: 1, unitPriceMinor }]);
  const setQuantity = (key: string, quantity: number) =>
    edit((lines) =>
      quantity <= 0
        ? lines.filter((l) => l.key !== key)
        : lines.map((l) => (l.key === key ? { ...l, quantity } : l)),
    );
  const clearLines = () => edit(() => []);
  const addCoupon = (c: SaleCoupon) => setSale((s) => ({ ...s, coupons: [...s.coupons, c] }));

  const submit = async () => {
    if (!memberId || !body.lines.length || sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      const out = await post.current<PurchaseResult>('/pos/purchases', {
        ...body,
        memberId,
        storeId,
        externalId: sale.externalId,
      });
      setUncertain(false);
      setResult(out);
    } catch (e) {
      setUncertain(lostAnswer(e));
      setError(toApiError(e));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const reset = useCallback(() => {
    setSale(emptySale());
    setPreview({ data: null, error: null });
    setError(null);
    setUncertain(false);
    setResult(null);
    post.current = retryingPoster();
  }, []);

  return {
    externalId: sale.externalId,
    lines: sale.lines,
    coupons: sale.coupons,
    subtotal,
    discount,
    total,
    preview: sale.lines.length ? preview : { data: null, error: null },
    busy,
    error,
    uncertain,
    result,
    addProduct,
    addAmount,
    setQuantity,
    addCoupon,
    clearLines,
    submit,
    reset,
  };
}
export type Sale = ReturnType<typeof useSale>;
