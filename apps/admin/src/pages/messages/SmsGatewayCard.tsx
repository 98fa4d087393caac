import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiGet } from '../../use-api';

type Gateway = { live: boolean; inboundUrl: string; kannelService: string };

/**
 * The SMS gateway set-up: whether SMS really leaves (Kannel configured) and the signed inbound
 * address with the Kannel `sms-service` block the operator pastes into kannel.conf.
 */
export function SmsGatewayCard() {
  const { t } = useTranslation();
  const gateway = useApiGet<Gateway>('/sms/gateway');
  const g = gateway.data;
  if (!g) return null;
  const copy = { tooltips: [t('common.copy'), t('common.copied')] };
  return (
    <Card
      title={t('messaging.sms.gatewayTitle')}
      style={{ maxWidth: 640, marginTop: 16 }}
      data-testid="sms-gateway"
    >
      <Alert
        type={g.live ? 'success' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        title={g.live ? t('messaging.sms.live') : t('messaging.sms.development')}
        data-testid="sms-gateway-mode"
      />
      <Typography.Paragraph>{t('messaging.sms.inboundHelp')}</Typography.Paragraph>
      <Typography.Text strong>{t('messaging.sms.inboundUrl')}</Typography.Text>
      <Typography.Paragraph
        code
        copyable={{ text: g.inboundUrl, ...copy }}
        style={{ wordBreak: 'break-all' }}
        data-testid="sms-inbound-url"
      >
        {g.inboundUrl}
      </Typography.Paragraph>
      <Typography.Text strong>{t('messaging.sms.kannelService')}</Typography.Text>
      <Typography.Paragraph copyable={{ text: g.kannelService, ...copy }}>
        <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="sms-service">
          {g.kannelService}
        </pre>
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('messaging.sms.keepPrivate')}</Typography.Text>
    </Card>
  );
}
