import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A new or rotated signing secret, shown this once. */
export function WebhookSecretModal(props: {
  shown: { url: string; secret: string } | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!props.shown}
      title={t('webhooks.secretTitle', { url: props.shown?.url ?? '' })}
      onCancel={props.onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={props.onClose}>
          {t('webhooks.secretDone')}
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t('webhooks.secretWarning')}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph
        copyable={{ text: props.shown?.secret, tooltips: [t('common.copy'), t('common.copied')] }}
        code
        data-testid="webhook-secret"
        style={{ wordBreak: 'break-all', fontSize: 14 }}
      >
        {props.shown?.secret}
      </Typography.Paragraph>
    </Modal>
  );
}
