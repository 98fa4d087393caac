import { App, Button, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coupon } from '@regulars/contracts';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMinute } from '../../format';
import { currentLanguage } from '../../i18n';
import { useSession } from '../../session';
import { toApiError } from '../../use-api';
import type { ApiError } from '../../api';

const STATUS_COLORS = { issued: 'green', redeemed: 'blue', void: 'default', expired: 'orange' };
export const couponState = (c: Coupon) =>
  c.status === 'issued' && !c.usable ? 'expired' : c.status;

/** Coupons with their state; administrators may void an unused one (its points go back). */
export function CouponsTable(props: {
  coupons: Coupon[];
  loading?: boolean;
  showMember?: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage();
  const canVoid = useSession().can('loyalty.configure');
  const [voiding, setVoiding] = useState<Coupon | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  const voidIt = async () => {
    if (!voiding) return;
    try {
      await api.post(`/coupons/${voiding.couponId}/void`, { reason: reason.trim() });
      message.success(t('rewards.coupons.voided'));
      setVoiding(null);
      props.onChanged();
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <>
      <Table<Coupon>
        rowKey="couponId"
        size="small"
        loading={props.loading}
        dataSource={props.coupons}
        pagination={false}
        locale={{ emptyText: t('rewards.member.noCoupons') }}
        columns={[
          {
            title: t('rewards.coupons.code'),
            dataIndex: 'code',
            render: (c: string) => <code>{c}</code>,
          },
          { title: t('rewards.coupons.reward'), dataIndex: 'rewardName' },
          ...(props.showMember
            ? [{ title: t('rewards.coupons.member'), dataIndex: 'memberName' }]
            : []),
          {
            title: t('rewards.coupons.source'),
            render: (_, c) => t(`rewards.coupons.sources.${c.source}`),
          },
          {
            title: t('rewards.coupons.status'),
            render: (_, c) => {
              const s = couponState(c);
              return <Tag color={STATUS_COLORS[s]}>{t(`rewards.coupons.statuses.${s}`)}</Tag>;
            },
          },
          {
            title: t('rewards.coupons.validUntil'),
            render: (_, c) => formatMinute(c.validUntil, lang),
          },
          {
            title: t('common.actions'),
            render: (_, c) =>
              canVoid &&
              c.status === 'issued' && (
                <Button
                  type="link"
                  danger
                  onClick={() => {
                    setReason('');
                    setError(null);
                    setVoiding(c);
                  }}
                >
                  {t('rewards.coupons.void')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={!!voiding}
        title={t('rewards.coupons.voidTitle', { code: voiding?.code ?? '' })}
        okText={t('rewards.coupons.void')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        onOk={voidIt}
        onCancel={() => setVoiding(null)}
      >
        <ErrorAlert error={error} />
        <Input
          aria-label={t('rewards.coupons.voidReason')}
          placeholder={t('rewards.coupons.voidReason')}
          value={reason}
          maxLength={300}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
