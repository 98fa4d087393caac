import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SYSTEM_ROLES, type DemoCreated } from '@regulars/contracts';
import { api, type ApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';
import { useSessionApi } from '../../session';
import { toApiError } from '../../use-api';

/** Loads the demo hot-pot restaurant and shows its accounts, then leads to sign-in. */
export function DemoCard() {
  const { t } = useTranslation();
  const { toSignIn } = useSessionApi();
  const [demo, setDemo] = useState<DemoCreated | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = currentLanguage();

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      setDemo(await api.post<DemoCreated>('/setup/demo'));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  if (demo) {
    const admin = demo.accounts.find((a) => a.role === 'admin') ?? demo.accounts[0];
    return (
      <Card title={t('setup.demoReadyTitle')} data-testid="demo-accounts">
        <Alert type="success" showIcon title={t('setup.demoReady')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph>
          <Typography.Text type="secondary">{t('setup.businessCode')}</Typography.Text>{' '}
          <Typography.Text code copyable={{ tooltips: [t('common.copy'), t('common.copied')] }}>
            {demo.businessCode}
          </Typography.Text>
        </Typography.Paragraph>
        <Table
          size="small"
          pagination={false}
          rowKey="email"
          dataSource={demo.accounts}
          columns={[
            { title: t('staff.role'), render: (_, a) => SYSTEM_ROLES[a.role].label[lang] },
            { title: t('staff.email'), dataIndex: 'email' },
            { title: t('setup.password'), dataIndex: 'password' },
          ]}
        />
        <Button
          type="primary"
          block
          style={{ marginTop: 16 }}
          onClick={() =>
            toSignIn({
              businessCode: demo.businessCode,
              email: admin?.email,
              password: admin?.password,
            })
          }
        >
          {t('setup.goSignIn')}
        </Button>
      </Card>
    );
  }
  return (
    <Card title={t('setup.demoTitle')}>
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">{t('setup.demoDescription')}</Typography.Paragraph>
      <Button icon={<ExperimentOutlined />} block size="large" loading={busy} onClick={load}>
        {t('setup.demoButton')}
      </Button>
    </Card>
  );
}
