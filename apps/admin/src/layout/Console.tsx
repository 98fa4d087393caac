import { Layout, Menu, Typography } from 'antd';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { NAV, SUB_PAGES, type NavGroup, type NavItem } from '../nav';
import { ApiKeysPage } from '../pages/api-keys/ApiKeysPage';
import { AuditPage } from '../pages/audit/AuditPage';
import { CallerIdPage } from '../pages/caller-id/CallerIdPage';
import { CashierPage } from '../pages/cashier/CashierPage';
import { CustomFieldsPage } from '../pages/custom-fields/CustomFieldsPage';
import { DuplicatesPage } from '../pages/duplicates/DuplicatesPage';
import { HomePage } from '../pages/home/HomePage';
import { ImportsPage } from '../pages/imports/ImportsPage';
import { InfluencePage } from '../pages/influence/InfluencePage';
import { LoyaltyPage } from '../pages/loyalty/LoyaltyPage';
import { MemberPage } from '../pages/members/MemberPage';
import { MembersPage } from '../pages/members/MembersPage';
import { MessagingSettingsPage } from '../pages/messages/MessagingSettingsPage';
import { OutboxPage } from '../pages/messages/OutboxPage';
import { TemplatesPage } from '../pages/messages/TemplatesPage';
import { MissionsPage } from '../pages/missions/MissionsPage';
import { ProductsPage } from '../pages/products/ProductsPage';
import { NoPermission, NotFound } from '../pages/Results';
import { RewardsPage } from '../pages/rewards/RewardsPage';
import { RolesPage } from '../pages/roles/RolesPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { StaffPage } from '../pages/staff/StaffPage';
import { StoresPage } from '../pages/stores/StoresPage';
import { MyTasksPage } from '../pages/tasks/MyTasksPage';
import { TiersPage } from '../pages/tiers/TiersPage';
import { WebhooksPage } from '../pages/webhooks/WebhooksPage';
import { useSession } from '../session';
import { CallPopup } from './CallPopup';
import { CallsProvider } from './calls';
import { TopBar } from './TopBar';

const PAGES: Record<string, ComponentType> = {
  '/': HomePage,
  '/members': MembersPage,
  '/members/:id': MemberPage,
  '/members/influence': InfluencePage,
  '/tasks': MyTasksPage,
  '/caller-id': CallerIdPage,
  '/duplicates': DuplicatesPage,
  '/imports': ImportsPage,
  '/messages/outbox': OutboxPage,
  '/messages/templates': TemplatesPage,
  '/messages/settings': MessagingSettingsPage,
  '/products': ProductsPage,
  '/cashier': CashierPage,
  '/loyalty': LoyaltyPage,
  '/tiers': TiersPage,
  '/rewards': RewardsPage,
  '/missions': MissionsPage,
  '/custom-fields': CustomFieldsPage,
  '/settings': SettingsPage,
  '/stores': StoresPage,
  '/staff': StaffPage,
  '/roles': RolesPage,
  '/api-keys': ApiKeysPage,
  '/webhooks': WebhooksPage,
  '/audit': AuditPage,
};

/**
 * The signed-in console: menu of what the role may open, top bar, the current page, and the
 * caller's card popping up when the staff member's extension rings.
 */
export function Console() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const visible = NAV.filter((n) => !n.permission || session.can(n.permission));
  const toItem = (n: NavItem) => ({ key: n.path, icon: n.icon, label: t(n.label) });
  const section = (group: NavGroup) => {
    const children = visible.filter((n) => n.group === group).map(toItem);
    return children.length
      ? [{ type: 'group' as const, key: group, label: t(`nav.${group}`), children }]
      : [];
  };
  const items = [
    ...visible.filter((n) => n.group === 'main').map(toItem),
    ...section('messaging'),
    ...section('loyalty'),
    ...section('system'),
  ];
  // The longest menu path the URL is in (/members/influence is not /members).
  const selected =
    NAV.filter((n) => n.path !== '/' && pathname.startsWith(n.path)).sort(
      (a, b) => b.path.length - a.path.length,
    )[0]?.path ?? '/';

  return (
    <CallsProvider>
      <CallPopup />
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div
            style={{ padding: '18px 24px 14px', display: 'flex', alignItems: 'baseline', gap: 8 }}
          >
            <Typography.Title level={4} style={{ margin: 0, color: session.tenant.brandColor }}>
              {t('common.brand')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('common.brandSub')}</Typography.Text>
          </div>
          <Menu
            mode="inline"
            aria-label={t('nav.label')}
            selectedKeys={[selected]}
            items={items}
            onClick={(e) => navigate(e.key)}
            style={{ borderInlineEnd: 'none' }}
          />
        </Layout.Sider>
        <Layout>
          <TopBar />
          <Layout.Content style={{ padding: 24 }}>
            <Routes>
              {[...NAV, ...SUB_PAGES].map((n) => {
                const Page = PAGES[n.path]!;
                const allowed = !n.permission || session.can(n.permission);
                return (
                  <Route
                    key={n.path}
                    path={n.path}
                    element={allowed ? <Page /> : <NoPermission />}
                  />
                );
              })}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Layout.Content>
        </Layout>
      </Layout>
    </CallsProvider>
  );
}
