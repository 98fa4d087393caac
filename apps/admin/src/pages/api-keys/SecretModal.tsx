import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The new key's secret, shown this once: the server keeps only its hash. */
export function SecretModal(props: {
  created: { apiKey: { name: string }; secret: string } | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!props.created}
      title={t('apiKeys.secretTitle', { name: props.created?.apiKey.name ?? '' })}
      onCancel={props.onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={props.onClose}>
          {t('apiKeys.secretDone')}
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t('apiKeys.secretWarning')}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph
        copyable={{ text: props.created?.secret, tooltips: [t('common.copy'), t('common.copied')] }}
        code
        data-testid="api-key-secret"
        style={{ wordBreak: 'break-all', fontSize: 14 }}
      >
        {props.created?.secret}
      </Typography.Paragraph>
    </Modal>
  );
}
