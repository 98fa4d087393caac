import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { LANGUAGES, type Language } from '@regulars/contracts';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage, LANGUAGE_NAMES } from '../i18n';

/** 简体中文 / 繁體中文 / English; the choice is remembered in this browser. */
export function LanguageSwitch({
  variant = 'borderless',
}: {
  variant?: 'borderless' | 'outlined';
}) {
  const { t } = useTranslation();
  return (
    <Select<Language>
      aria-label={t('header.language')}
      data-testid="language-switch"
      variant={variant}
      prefix={<GlobalOutlined />}
      value={currentLanguage()}
      onChange={(lang) => void chooseLanguage(lang)}
      options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
      popupMatchSelectWidth={false}
      style={{ minWidth: 130 }}
    />
  );
}
