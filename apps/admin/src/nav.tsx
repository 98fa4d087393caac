import {
  ApiOutlined,
  AuditOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '@regulars/contracts';

export type NavGroup = 'main' | 'system';

/** A console page: where it lives, its menu entry, and the permission needed to see it. */
export type NavItem = {
  path: string;
  /** i18n key of its name in the menu and page title. */
  label: string;
  icon: ReactNode;
  group: NavGroup;
  permission: Permission | null;
};

export const NAV: NavItem[] = [
  {
    path: '/',
    label: 'nav.home',
    icon: <HomeOutlined />,
    group: 'main',
    permission: null,
  },
  {
    path: '/settings',
    label: 'nav.settings',
    icon: <SettingOutlined />,
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
    path: '/audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    group: 'system',
    permission: 'audit.view',
  },
];
