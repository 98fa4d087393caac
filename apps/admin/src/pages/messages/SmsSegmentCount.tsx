import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { smsSegments } from '@regulars/core/sms-segments';

/** How many SMS parts a text takes, as it is typed (GSM-7 160/153, UCS-2 70/67 per part). */
export function SmsSegmentCount({ text, testId }: { text: string | undefined; testId?: string }) {
  const { t } = useTranslation();
  const s = smsSegments(text ?? '');
  return (
    <Typography.Text type="secondary" data-testid={testId}>
      {t('messaging.sms.segments', {
        parts: s.parts,
        used: s.used,
        left: s.left,
        encoding: s.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2',
      })}
    </Typography.Text>
  );
}
