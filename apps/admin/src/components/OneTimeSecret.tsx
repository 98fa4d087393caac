import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A secret the server shows this once (an API key, a webhook's signing secret): a warning that it
 * will not be shown again, the secret to copy, and a button to close.
 */
export function OneTimeSecret(props: {
  secret: string | null;
  title: string;
  warning: string;
  done: string;
  testId: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={props.secret !== null}
      title={props.title}
      onCancel={props.onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={props.onClose}>
          {props.done}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={props.warning} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{
          text: props.secret ?? undefined,
          tooltips: [t('common.copy'), t('common.copied')],
        }}
        code
        data-testid={props.testId}
        style={{ wordBreak: 'break-all', fontSize: 14 }}
      >
        {props.secret}
      </Typography.Paragraph>
    </Modal>
  );
}
