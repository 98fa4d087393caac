import {
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  CalculatorOutlined,
  CrownOutlined,
  GiftOutlined,
  TrophyOutlined,
  CheckSquareOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  MailOutlined,
  NotificationOutlined,
  SnippetsOutlined,
  MergeCellsOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SettingOutlined,
  ShopOutlined,
  StarOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '@regulars/contracts';

/** Menu sections: the everyday pages first, then messages, loyalty, and system settings. */
export type NavGroup = 'main' | 'messaging' | 'loyalty' | 'system';

/** A console page: where it lives, its menu entry, and the permission needed to see it. */
export type NavItem = {
  path: string;
  /** i18n key of its name in the menu and page title. */
  label: string;
  icon: ReactNode;
  group: NavGroup;
  permission: Permission | null;
};

/** Pages reached from another page rather than the menu (the menu shows their parent). */
export const SUB_PAGES: { path: string; permission: Permission }[] = [
  { path: '/members/:id', permission: 'members.browse' },
];

export const NAV: NavItem[] = [
  {
    path: '/',
    label: 'nav.home',
    icon: <HomeOutlined />,
    group: 'main',
    permission: null,
  },
  {
    path: '/members',
    label: 'nav.members',
    icon: <IdcardOutlined />,
    group: 'main',
    permission: 'members.browse',
  },
  {
    path: '/members/influence',
    label: 'nav.influence',
    icon: <ApartmentOutlined />,
    group: 'main',
    permission: 'members.browse',
  },
  {
    path: '/tasks',
    label: 'nav.tasks',
    icon: <CheckSquareOutlined />,
    group: 'main',
    permission: 'members.browse',
  },
  {
    path: '/caller-id',
    label: 'nav.callerId',
    icon: <PhoneOutlined />,
    group: 'main',
    permission: 'members.browse',
  },
  {
    path: '/duplicates',
    label: 'nav.duplicates',
    icon: <MergeCellsOutlined />,
    group: 'main',
    permission: 'members.delete',
  },
  {
    path: '/imports',
    label: 'nav.imports',
    icon: <ImportOutlined />,
    group: 'main',
    permission: 'members.import',
  },
  {
    path: '/messages/outbox',
    label: 'messaging.nav.outbox',
    icon: <MailOutlined />,
    group: 'messaging',
    permission: 'messages.send_single',
  },
  {
    path: '/messages/templates',
    label: 'messaging.nav.templates',
    icon: <SnippetsOutlined />,
    group: 'messaging',
    permission: 'messages.send_single',
  },
  {
    path: '/products',
    label: 'nav.products',
    icon: <AppstoreOutlined />,
    group: 'main',
    permission: 'members.browse',
  },
  {
    path: '/cashier',
    label: 'cashier.nav',
    icon: <CalculatorOutlined />,
    group: 'loyalty',
    permission: 'pos.transact',
  },
  {
    path: '/loyalty',
    label: 'loyalty.nav',
    icon: <StarOutlined />,
    group: 'loyalty',
    permission: 'loyalty.configure',
  },
  {
    path: '/tiers',
    label: 'rewards.nav.tiers',
    icon: <CrownOutlined />,
    group: 'loyalty',
    permission: 'loyalty.configure',
  },
  {
    path: '/rewards',
    label: 'rewards.nav.rewards',
    icon: <GiftOutlined />,
    group: 'loyalty',
    permission: 'loyalty.configure',
  },
  {
    path: '/missions',
    label: 'rewards.nav.missions',
    icon: <TrophyOutlined />,
    group: 'loyalty',
    permission: 'loyalty.configure',
  },
  {
    path: '/settings',
    label: 'nav.settings',
    icon: <SettingOutlined />,
    group: 'system',
    permission: 'settings.maintain',
  },
  {
    path: '/messages/settings',
    label: 'messaging.nav.settings',
    icon: <NotificationOutlined />,
    group: 'system',
    permission: 'settings.maintain',
  },
  {
    path: '/custom-fields',
    label: 'nav.customFields',
    icon: <FormOutlined />,
    group: 'system',
    permission: 'settings.maintain',
  },
  {
    path: '/stores',
    label: 'nav.stores',
    icon: <ShopOutlined />,
    group: 'system',
    permission: 'settings.maintain',
  },
  {
    path: '/staff',
    label: 'nav.staff',
    icon: <TeamOutlined />,
    group: 'system',
    permission: 'settings.maintain',
  },
  {
    path: '/roles',
    label: 'nav.roles',
    icon: <SafetyCertificateOutlined />,
    group: 'system',
    permission: 'settings.maintain',
  },
  {
    path: '/api-keys',
    label: 'nav.apiKeys',
    icon: <ApiOutlined />,
    group: 'system',
    permission: 'settings.maintain',
  },
  {
    path: '/webhooks',
    label: 'webhooks.nav',
    icon: <SendOutlined />,
    group: 'system',
    permission: 'settings.maintain',
  },
  {
    path: '/audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    group: 'system',
    permission: 'audit.view',
  },
];
