import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuthShell } from '../../components/AuthShell';
import { DemoCard } from './DemoCard';
import { SetupForm } from './SetupForm';

/** First run on an empty installation: create the business and its administrator, or load the demo. */
export function SetupPage() {
  const { t } = useTranslation();
  return (
    <AuthShell width={1040}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('setup.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('setup.subtitle')}</Typography.Paragraph>
      <Row gutter={[24, 24]}>
        <Col xs={24} md={15}>
          <SetupForm />
        </Col>
        <Col xs={24} md={9}>
          <DemoCard />
        </Col>
      </Row>
    </AuthShell>
  );
}
