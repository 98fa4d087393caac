import { AppstoreOutlined, ShopOutlined, UserAddOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PosMemberCard } from '@regulars/contracts';
import { api, query } from '../../api';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { useSession } from '../../session';
import { useCurrency } from '../../use-currency';
import { NoPermission } from '../Results';
import { CouponsPanel } from './CouponsPanel';
import { MemberCard } from './MemberCard';
import { MemberLookup } from './MemberLookup';
import { SalePanel } from './SalePanel';
import { SaleResult } from './SaleResult';
import { SpendPanel } from './SpendPanel';
import { useSale, type PurchaseResult } from './use-sale';
import './cashier.css';

/**
 * The till on a tablet, full screen without the console's menu: find the member, ring up the
 * purchase, use their coupons. Landscape puts the member beside the sale; portrait above it.
 */
export function CashierPage() {
  const session = useSession();
  return (
    <div className="cashier" data-testid="cashier">
      {session.can('pos.transact') ? (
        <Till />
      ) : (
        <>
          <CashierBar />
          <NoPermission />
        </>
      )}
    </div>
  );
}

function CashierBar({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const store = session.stores.find((s) => s.storeId === session.storeId);
  useEffect(() => {
    document.title = `${t('cashier.title')} · ${session.tenant.name}`;
  }, [t, session.tenant.name]);
  return (
    <header className="cashier-bar">
      <Button
        size="large"
        icon={<AppstoreOutlined />}
        onClick={() => navigate('/')}
        data-testid="cashier-exit"
        className="cashier-touch"
      >
        {t('cashier.exit')}
      </Button>
      <Typography.Text strong className="cashier-bar-title" ellipsis>
        {t('cashier.title')} · {session.tenant.name}
        {store && (
          <Typography.Text type="secondary">
            {' '}
            <ShopOutlined /> {store.name}
          </Typography.Text>
        )}
      </Typography.Text>
      <span className="cashier-bar-end">
        {extra}
        <LanguageSwitch />
        <Typography.Text type="secondary" className="cashier-staff" ellipsis>
          <UserOutlined /> {session.staff.name}
        </Typography.Text>
      </span>
    </header>
  );
}

function Till() {
  const { t } = useTranslation();
  const session = useSession();
  const currency = useCurrency();
  const [member, setMember] = useState<PosMemberCard | null>(null);
  /** Coupons used since the member was found (the lists the till sent may still hold them). */
  const [used, setUsed] = useState<string[]>([]);
  const sale = useSale(member?.memberId ?? null, session.storeId);
  const { result } = sale;
  /** The sale after which the member card was read again (tier, points, coupons as they are now). */
  const [synced, setSynced] = useState<PurchaseResult | null>(null);
  const card = member?.cardNumber;
  useEffect(() => {
    if (!result || !card) return;
    let live = true;
    api.get<PosMemberCard>(`/pos/members${query({ card })}`).then(
      (m) => {
        if (!live) return;
        setMember(m);
        setSynced(result);
      },
      () => undefined, // the till's own answer below stands in
    );
    return () => {
      live = false;
    };
  }, [result, card]);
  // Until then the card shows what the till answered: the balance and coupons after the sale.
  const current =
    member && result && synced !== result
      ? { ...member, points: result.balance, coupons: result.coupons }
      : member;
  const shown = current && {
    ...current,
    coupons: current.coupons.filter((c) => !used.includes(c.couponId)),
  };

  const found = (m: PosMemberCard | null) => {
    if (result || !m) sale.reset();
    setUsed([]);
    setMember(m);
  };
  const again = () => {
    setMember(current);
    sale.reset();
  };

  return (
    <>
      <CashierBar
        extra={
          member && (
            <Button
              size="large"
              icon={<UserAddOutlined />}
              onClick={() => found(null)}
              className="cashier-touch"
              data-testid="next-member"
            >
              {t('cashier.find.nextCustomer')}
            </Button>
          )
        }
      />
      <main className="cashier-body">
        <section className="cashier-member" aria-label={t('cashier.find.label')}>
          {/* Mounted afresh for each member: the box has the focus for the next scan. */}
          <MemberLookup key={member?.memberId ?? 'none'} onFound={found} />
          {shown && (
            <>
              <MemberCard member={shown} currency={currency} />
              <CouponsPanel
                key={`${shown.memberId}:${sale.externalId}`}
                coupons={shown.coupons}
                memberId={shown.memberId}
                currency={currency}
                basketMinor={result ? 0 : sale.subtotal}
                purchaseRef={sale.externalId}
                storeId={session.storeId}
                onUsed={(c, discountMinor) => {
                  setUsed((u) => [...u, c.couponId]);
                  if (!result)
                    sale.addCoupon({ code: c.code, rewardName: c.rewardName, discountMinor });
                }}
              />
              <SpendPanel
                key={`spend:${shown.memberId}`}
                memberId={shown.memberId}
                currency={currency}
                storeId={session.storeId}
                onPoints={(points) => {
                  setMember({ ...shown, points });
                  setSynced(result);
                }}
                onStoredValue={(storedValueMinor) => {
                  setMember({ ...shown, storedValueMinor });
                  setSynced(result);
                }}
              />
            </>
          )}
        </section>
        <section className="cashier-sale" aria-label={t('cashier.sale.title')}>
          {result && shown ? (
            <SaleResult
              result={result}
              member={shown}
              currency={currency}
              onAgain={again}
              onNext={() => found(null)}
            />
          ) : (
            <SalePanel sale={sale} currency={currency} hasMember={!!member} />
          )}
        </section>
      </main>
    </>
  );
}
