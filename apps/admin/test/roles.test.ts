import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ACCOUNTS, launchChromium, menuItems, openPage, see, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const EVERYDAY_MENU = [
  'Home',
  'Members',
  'Influence centers',
  'My tasks',
  'Caller ID',
  'Duplicates',
  'Import',
  'Products',
];
const MESSAGES_MENU = ['Outbox', 'Message templates'];
// Everyone who serves customers may work the till (pos.transact).
const LOYALTY_MENU = ['Points programme', 'Tiers', 'Rewards & coupons', 'Missions & games'];
const MEMBER_MENU = [...EVERYDAY_MENU, ...MESSAGES_MENU, 'Cashier'];
const MARKETING_MENU = [...MEMBER_MENU, ...LOYALTY_MENU];
const ASSISTANT_MENU = [
  'Home',
  'Members',
  'Influence centers',
  'My tasks',
  'Caller ID',
  'Products',
  'Cashier',
];
const ADMIN_MENU = [
  ...MARKETING_MENU,
  'Business settings',
  'Messaging',
  'Member fields',
  'Stores',
  'Staff',
  'Roles',
  'API keys',
  'Webhooks',
  'Audit log',
];

const PAGES = {
  '/settings': 'Business settings',
  '/custom-fields': 'Member fields',
  '/stores': 'Stores',
  '/staff': 'Staff',
  '/roles': 'Roles',
  '/api-keys': 'API keys',
  '/webhooks': 'Webhooks',
  '/audit': 'Audit log',
};

const CASES = [
  { email: DEMO_ACCOUNTS.admin, name: '陳志明', role: 'System administrator', menu: ADMIN_MENU },
  {
    email: DEMO_ACCOUNTS.customer_manager,
    name: '林美玲',
    role: 'Customer manager',
    menu: MEMBER_MENU,
  },
  {
    email: DEMO_ACCOUNTS.marketing_manager,
    name: '黃建宏',
    role: 'Marketing manager',
    menu: MARKETING_MENU,
  },
  {
    email: DEMO_ACCOUNTS.customer_assistant,
    name: '張雅婷',
    role: 'Customer assistant',
    menu: ASSISTANT_MENU,
  },
];

describe('each built-in role sees what its permissions allow', () => {
  for (const c of CASES) {
    it(`${c.role}`, async () => {
      const { context, page } = await openPage(browser, { language: 'en' });
      try {
        await signIn(page, baseUrl, { email: c.email });
        expect(await menuItems(page)).toEqual(c.menu);
        expect(await see(page.getByTestId('business-name'))).toBe('老街麻辣火鍋');
        expect(await see(page.getByTestId('user-menu'))).toContain(c.name);
        expect(await see(page.getByTestId('role-name'))).toBe(c.role);
        expect(await see(page.getByTestId('welcome'))).toBe(`Welcome, ${c.name}`);

        const isAdmin = c.menu === ADMIN_MENU;
        for (const [path, title] of Object.entries(PAGES)) {
          await page.goto(`${baseUrl}/admin${path}`);
          if (isAdmin) {
            expect(await see(page.locator('main h3').first())).toBe(title);
            expect(await page.getByTestId('no-permission').count()).toBe(0);
          } else {
            expect(await see(page.getByTestId('no-permission'))).toContain('No permission');
          }
        }
        await page.goto(`${baseUrl}/admin/no-such-page`);
        expect(await see(page.locator('.ant-result-title'))).toBe('Page not found');
      } finally {
        await context.close();
      }
    });
  }

  it('the store switcher changes the store this session works in', async () => {
    const { context, page } = await openPage(browser, { language: 'zh-TW' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.marketing_manager });
      const switcher = page.getByTestId('store-switch');
      const before = await see(switcher);
      const other = before.includes('西門店') ? '信義店' : '西門店';
      await switcher.click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: other })
        .click();
      await see(page.getByText('已切換門市'));
      await page.reload();
      expect(await see(page.getByTestId('store-switch'))).toContain(other);
    } finally {
      await context.close();
    }
  });
});
