import { useTranslation } from 'react-i18next';
import { OneTimeSecret } from '../../components/OneTimeSecret';

/** A new or rotated signing secret, shown this once. */
export function WebhookSecretModal(props: {
  shown: { url: string; secret: string } | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <OneTimeSecret
      secret={props.shown?.secret ?? null}
      title={t('webhooks.secretTitle', { url: props.shown?.url ?? '' })}
      warning={t('webhooks.secretWarning')}
      done={t('webhooks.secretDone')}
      testId="webhook-secret"
      onClose={props.onClose}
    />
  );
}
