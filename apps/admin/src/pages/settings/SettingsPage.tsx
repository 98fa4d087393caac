import { App, Card, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TenantSettings } from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useSessionApi } from '../../session';
import { toApiError, useApiGet } from '../../use-api';
import { SettingsForm, type SettingsFields } from './SettingsForm';

/** The business's name, branding, language, region and quiet hours. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { refresh } = useSessionApi();
  const loaded = useApiGet<TenantSettings>('/settings');
  const [saved, setSaved] = useState<TenantSettings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // The newest copy we know: what we saved last, unless a reload brought a newer one.
  const current =
    saved && (!loaded.data || saved.version >= loaded.data.version) ? saved : loaded.data;

  const save = async (v: SettingsFields) => {
    if (!current) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api.put<TenantSettings>('/settings', { ...v, version: current.version });
      setSaved(next);
      message.success(t('common.saved'));
      await refresh();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const reload = () => {
    setError(null);
    setSaved(null);
    loaded.reload();
  };

  return (
    <Page title={t('nav.settings')} description={t('settings.description')}>
      <ErrorAlert error={loaded.error} />
      <Card>
        {current ? (
          <SettingsForm
            key={current.version}
            settings={current}
            busy={busy}
            error={error}
            onSave={save}
            onReload={reload}
          />
        ) : (
          <Skeleton active />
        )}
      </Card>
    </Page>
  );
}
