import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { configureApi } from './api';
import { currentLanguage } from './i18n';
import { ANTD_LOCALES } from './i18n/antd-locale';
import { Console } from './layout/Console';
import { CashierPage } from './pages/cashier/CashierPage';
import { SetupPage } from './pages/setup/SetupPage';
import { SignInPage } from './pages/sign-in/SignInPage';
import { SessionProvider, useSessionApi } from './session';
import { fontFamilyFor } from './theme';

const DEFAULT_BRAND = '#c0392b';

export function App() {
  return (
    <SessionProvider>
      <Themed />
    </SessionProvider>
  );
}

/** Ant Design follows the UI language and the business's brand colour. */
function Themed() {
  const { t } = useTranslation();
  const { phase } = useSessionApi();
  const lang = currentLanguage();
  useEffect(() => {
    configureApi({ language: lang, fallbackMessage: t('common.networkError') });
    document.title = t('common.appTitle');
  }, [lang, t]);
  const brand = phase.kind === 'signed-in' ? phase.session.tenant.brandColor : DEFAULT_BRAND;
  return (
    <ConfigProvider
      locale={ANTD_LOCALES[lang]}
      theme={{
        token: {
          colorPrimary: brand,
          colorLink: brand,
          borderRadius: 6,
          fontFamily: fontFamilyFor(lang),
        },
      }}
    >
      <AntApp>
        <BrowserRouter basename="/admin">
          <Phases />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

function Phases() {
  const { t } = useTranslation();
  const { phase } = useSessionApi();
  switch (phase.kind) {
    case 'loading':
      return <Spin size="large" fullscreen description={t('common.loading')} />;
    case 'unreachable':
      return <Result status="500" title={t('common.unreachable')} subTitle={phase.message} />;
    case 'setup':
      return <SetupPage />;
    case 'signed-out':
      return <SignInPage prefill={phase.prefill} expired={phase.expired} />;
    case 'signed-in':
      // The till is full screen on a tablet: no console menu around it.
      return (
        <Routes>
          <Route path="/cashier" element={<CashierPage />} />
          <Route path="*" element={<Console />} />
        </Routes>
      );
  }
}
