import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../layout/LanguageSwitch';

/** The frame of the pages before sign-in: brand, language switch, and a centred card. */
export function AuthShell({ children, width = 420 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg, #fff7f0 0%, #f5f6f8 55%)',
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '16px 32px' }}>
        <Flex align="baseline" gap={8}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('common.brand')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('common.tagline')}</Typography.Text>
        </Flex>
        <LanguageSwitch variant="outlined" />
      </Flex>
      <Flex justify="center" align="flex-start" style={{ flex: 1, padding: '8px 16px 48px' }}>
        <div style={{ width: '100%', maxWidth: width }}>{children}</div>
      </Flex>
    </div>
  );
}
