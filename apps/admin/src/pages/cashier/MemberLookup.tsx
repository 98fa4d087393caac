import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, type InputRef } from 'antd';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosMemberCard } from '@regulars/contracts';
import type { ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toApiError } from '../../use-api';
import { findMember, isCouponQr } from './lookup';
import { ScanButton } from './ScanButton';

/**
 * One box for a phone number, a card number or the card's QR code: a scanner types the payload
 * and Enter, so the box keeps the focus and submits on Enter.
 */
export function MemberLookup(props: { onFound(member: PosMemberCard): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [couponHint, setCouponHint] = useState(false);
  const input = useRef<InputRef>(null);

  const find = async (raw: string) => {
    const value = raw.trim();
    setError(null);
    setCouponHint(false);
    if (!value) return input.current?.focus();
    if (isCouponQr(value)) {
      setCouponHint(true);
      setText('');
      return;
    }
    setBusy(true);
    try {
      props.onFound(await findMember(value));
      setText('');
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void find(text);
  };

  return (
    <form onSubmit={onSubmit} data-testid="member-lookup" className="cashier-lookup">
      <label htmlFor="cashier-member-box" className="cashier-label">
        {t('cashier.find.label')}
      </label>
      <Space.Compact block>
        <Input
          id="cashier-member-box"
          ref={input}
          size="large"
          autoFocus
          allowClear
          inputMode="text"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('cashier.find.placeholder')}
          data-testid="member-box"
          className="cashier-input"
        />
        <ScanButton
          title={t('cashier.find.scanTitle')}
          testId="member-scan"
          onScan={(s) => void find(s)}
        />
        <Button
          type="primary"
          size="large"
          htmlType="submit"
          icon={<SearchOutlined />}
          loading={busy}
          data-testid="member-find"
          className="cashier-touch"
        >
          {t('cashier.find.submit')}
        </Button>
      </Space.Compact>
      {couponHint && (
        <Alert
          type="info"
          showIcon
          title={t('cashier.find.couponScanned')}
          style={{ marginTop: 8 }}
        />
      )}
      {error && (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={error} />
        </div>
      )}
    </form>
  );
}
