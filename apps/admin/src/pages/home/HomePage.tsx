import { Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { PERMISSION_LABELS } from '@regulars/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '../../i18n';
import { roleLabel } from '../../layout/TopBar';
import { NAV } from '../../nav';
import { useSession } from '../../session';

/** Welcome: who and where you are, and the pages your role may open. */
export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const lang = currentLanguage();
  const links = NAV.filter((n) => n.path !== '/' && (!n.permission || session.can(n.permission)));
  const store = session.stores.find((s) => s.storeId === session.storeId);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 1200 }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">
          {t('home.welcome', { name: session.staff.name })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('home.business')}>{session.tenant.name}</Descriptions.Item>
          <Descriptions.Item label={t('home.role')}>{roleLabel(session.role)}</Descriptions.Item>
          <Descriptions.Item label={t('home.store')}>
            {store?.name ?? t('home.allStores')}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
          {t('home.permissions')}
        </Typography.Paragraph>
        <Space size={[4, 8]} wrap>
          {session.permissions.map((p) => (
            <Tag key={p} color="default">
              {PERMISSION_LABELS[p][lang]}
            </Tag>
          ))}
        </Space>
      </Card>
      <Card title={t('home.shortcuts')}>
        {links.length ? (
          <Row gutter={[16, 16]}>
            {links.map((n) => (
              <Col key={n.path} xs={24} sm={12} lg={8}>
                <Link to={n.path}>
                  <Card hoverable size="small">
                    <Card.Meta
                      avatar={<span style={{ fontSize: 22 }}>{n.icon}</span>}
                      title={t(n.label)}
                      description={t(`${n.label}Hint`)}
                    />
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        ) : (
          <Empty description={t('home.nothingYet')} />
        )}
      </Card>
    </Space>
  );
}
