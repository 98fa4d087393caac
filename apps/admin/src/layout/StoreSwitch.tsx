import { ShopOutlined } from '@ant-design/icons';
import { App, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, useSessionApi } from '../session';

/** The store this session works in; hidden when the person can reach only one store. */
export function StoreSwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const { switchStore } = useSessionApi();
  const [busy, setBusy] = useState(false);
  if (session.stores.length < 2) return null;
  return (
    <Select<string>
      aria-label={t('header.store')}
      data-testid="store-switch"
      prefix={<ShopOutlined />}
      loading={busy}
      value={session.storeId ?? undefined}
      placeholder={t('header.chooseStore')}
      onChange={async (storeId) => {
        setBusy(true);
        try {
          await switchStore(storeId);
          message.success(t('header.storeSwitched'));
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        } finally {
          setBusy(false);
        }
      }}
      options={session.stores.map((s) => ({ value: s.storeId, label: s.name }))}
      popupMatchSelectWidth={false}
      style={{ minWidth: 160 }}
    />
  );
}
