import { useTranslation } from 'react-i18next';
import { OneTimeSecret } from '../../components/OneTimeSecret';

/** The new key's secret, shown this once: the server keeps only its hash. */
export function SecretModal(props: {
  created: { apiKey: { name: string }; secret: string } | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <OneTimeSecret
      secret={props.created?.secret ?? null}
      title={t('apiKeys.secretTitle', { name: props.created?.apiKey.name ?? '' })}
      warning={t('apiKeys.secretWarning')}
      done={t('apiKeys.secretDone')}
      testId="api-key-secret"
      onClose={props.onClose}
    />
  );
}
