import { WalletOutlined } from '@ant-design/icons';
import { App, Button, InputNumber, Space, Typography, type ButtonProps } from 'antd';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PointsBalance, StoredValueResult } from '@regulars/contracts';
import type { z } from 'zod';
import { newKey, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney, minorDigits } from '../../format';
import { currentLanguage } from '../../i18n';
import { toApiError } from '../../use-api';
import { lostAnswer, retryingPoster } from './retry-key';

type StoredValue = z.infer<typeof StoredValueResult>;
type Movement = { entryId: string; balance: PointsBalance };

/**
 * Points or stored value spent at the till, each after a confirmation. Each spend has its own
 * external id, kept when its answer is lost so that sending it again spends once.
 */
export function SpendPanel(props: {
  memberId: string;
  currency: string;
  storeId: string | null;
  onPoints(balance: PointsBalance): void;
  onStoredValue(balanceMinor: number): void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const lang = currentLanguage();
  const digits = minorDigits(props.currency);
  const post = useRef(retryingPoster());
  const ids = useRef({ points: newKey(), storedValue: newKey() });
  const [points, setPoints] = useState<number | null>(null);
  const [amount, setAmount] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async (
    kind: 'points' | 'storedValue',
    send: (externalId: string) => Promise<void>,
  ) => {
    setError(null);
    try {
      await send(`till-${ids.current[kind]}`);
      ids.current[kind] = newKey();
    } catch (e) {
      if (!lostAnswer(e)) ids.current[kind] = newKey();
      setError(toApiError(e));
    }
  };
  const spendPoints = (n: number) =>
    run('points', async (externalId) => {
      const out = await post.current<Movement>('/pos/points/spend', {
        memberId: props.memberId,
        points: n,
        externalId,
      });
      props.onPoints(out.balance);
      setPoints(null);
      void message.success(t('cashier.spend.pointsDone', { n: n.toLocaleString(lang) }));
    });
  const payStoredValue = (minor: number) =>
    run('storedValue', async (externalId) => {
      const out = await post.current<StoredValue>('/pos/stored-value/spends', {
        memberId: props.memberId,
        amountMinor: minor,
        externalId,
        ...(props.storeId ? { storeId: props.storeId } : {}),
      });
      props.onStoredValue(out.balanceMinor);
      setAmount(null);
      void message.success(
        t('cashier.spend.storedValueDone', { amount: formatMoney(minor, props.currency, lang) }),
      );
    });
  const confirm = (title: string, onOk: () => Promise<void>) =>
    modal.confirm({
      title,
      okText: t('cashier.spend.confirm'),
      okButtonProps: { size: 'large', 'data-testid': 'spend-confirm' } as ButtonProps,
      cancelButtonProps: { size: 'large' },
      onOk,
    });

  const onPoints = (e: FormEvent) => {
    e.preventDefault();
    if (points && points > 0)
      confirm(t('cashier.spend.pointsConfirm', { n: points.toLocaleString(lang) }), () =>
        spendPoints(points),
      );
  };
  const onStoredValue = (e: FormEvent) => {
    e.preventDefault();
    if (!amount || amount <= 0) return;
    const minor = Math.round(amount * 10 ** digits);
    confirm(
      t('cashier.spend.storedValueConfirm', { amount: formatMoney(minor, props.currency, lang) }),
      () => payStoredValue(minor),
    );
  };

  return (
    <div data-testid="spend" className="cashier-spend">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <WalletOutlined /> {t('cashier.spend.title')}
      </Typography.Title>
      <form onSubmit={onPoints}>
        <Space.Compact block>
          <InputNumber<number>
            size="large"
            min={1}
            precision={0}
            value={points}
            onChange={setPoints}
            placeholder={t('cashier.spend.points')}
            aria-label={t('cashier.spend.points')}
            inputMode="numeric"
            className="cashier-input cashier-spend-input"
            data-testid="spend-points"
          />
          <Button
            size="large"
            htmlType="submit"
            disabled={!points}
            className="cashier-touch"
            data-testid="spend-points-submit"
          >
            {t('cashier.spend.usePoints')}
          </Button>
        </Space.Compact>
      </form>
      <form onSubmit={onStoredValue} style={{ marginTop: 8 }}>
        <Space.Compact block>
          <InputNumber<number>
            size="large"
            min={0}
            precision={digits}
            value={amount}
            onChange={setAmount}
            placeholder={t('cashier.spend.amount')}
            aria-label={t('cashier.spend.amount')}
            inputMode="decimal"
            className="cashier-input cashier-spend-input"
            data-testid="spend-stored-value"
          />
          <Button
            size="large"
            htmlType="submit"
            disabled={!amount}
            className="cashier-touch"
            data-testid="spend-stored-value-submit"
          >
            {t('cashier.spend.payStoredValue')}
          </Button>
        </Space.Compact>
      </form>
      {error && (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={error} />
        </div>
      )}
    </div>
  );
}
