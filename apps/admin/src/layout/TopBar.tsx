import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Layout, Space, Tag, Typography } from 'antd';
import { SYSTEM_ROLES } from '@regulars/contracts';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { useSession, useSessionApi } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { StoreSwitch } from './StoreSwitch';

/** Business, store, language and the signed-in person with their role. */
export function TopBar() {
  const { t } = useTranslation();
  const session = useSession();
  const { signOut } = useSessionApi();
  const role = roleLabel(session.role);
  return (
    <Layout.Header
      style={{
        background: '#fff',
        padding: '0 24px',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        borderBottom: '1px solid #f0f0f0',
        height: 56,
        lineHeight: '56px',
      }}
    >
      <Space size="middle">
        <Typography.Text strong style={{ fontSize: 16 }} data-testid="business-name">
          {session.tenant.name}
        </Typography.Text>
        <StoreSwitch />
      </Space>
      <Space size="large">
        <LanguageSwitch />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'role', label: role, disabled: true, icon: <UserOutlined /> },
              { type: 'divider' },
              { key: 'sign-out', label: t('header.signOut'), icon: <LogoutOutlined /> },
            ],
            onClick: (e) => {
              if (e.key === 'sign-out') void signOut();
            },
          }}
        >
          <a
            onClick={(e) => e.preventDefault()}
            data-testid="user-menu"
            style={{ color: 'inherit' }}
          >
            <Space>
              <Avatar size="small" style={{ background: session.tenant.brandColor }}>
                {session.staff.name.slice(0, 1)}
              </Avatar>
              <span>{session.staff.name}</span>
              <Tag data-testid="role-name" style={{ marginInlineEnd: 0 }}>
                {role}
              </Tag>
              <DownOutlined style={{ fontSize: 10 }} />
            </Space>
          </a>
        </Dropdown>
      </Space>
    </Layout.Header>
  );
}

/** Built-in roles show their name in the UI language; custom roles show the name they were given. */
export function roleLabel(role: { name: string; systemKey: keyof typeof SYSTEM_ROLES | null }) {
  return role.systemKey ? SYSTEM_ROLES[role.systemKey].label[currentLanguage()] : role.name;
}
