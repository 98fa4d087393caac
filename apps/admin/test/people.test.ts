import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiAs,
  choose,
  DEMO_ACCOUNTS,
  launchChromium,
  menuItems,
  openPage,
  screenshot,
  see,
  signIn,
} from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const drawer = (page: Page) => page.getByRole('dialog').filter({ visible: true });
const field = (page: Page, name: string) => drawer(page).locator(`[id$="_${name}"]`);
const saveDrawer = (page: Page) =>
  drawer(page)
    .getByRole('button', { name: /^保\s*存$/ })
    .click();
const row = (page: Page, text: string) => page.locator('.ant-table-row', { hasText: text });

describe('staff and roles', () => {
  it('creates a custom role and a staff member with it, edits them, and shows it all in the audit log', async () => {
    const suffix = Date.now().toString(36).slice(-4);
    const roleName = `门店主管-${suffix}`;
    const email = `lead-${suffix}@hotpot.demo`;
    const { context, page } = await openPage(browser, { language: 'zh-CN' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });

      await page.locator('.ant-menu-item', { hasText: '角色权限' }).click();
      expect(await see(row(page, '系统管理员'))).toContain('内置');
      await page.getByRole('button', { name: '新建角色' }).click();
      await field(page, 'name').fill(roleName);
      await drawer(page).getByText('浏览会员').click();
      await drawer(page).getByText('查看稽核记录').click();
      await saveDrawer(page);
      const roleRow = await see(row(page, roleName));
      expect(roleRow).toContain('浏览会员');
      expect(roleRow).toContain('查看稽核记录');
      expect(roleRow).not.toContain('系统维护');

      await page.locator('.ant-menu-item', { hasText: '员工' }).click();
      await page.getByRole('button', { name: '新增员工' }).click();
      await field(page, 'name').fill('周店长');
      await field(page, 'email').fill(email);
      await field(page, 'roleId').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: roleName })
        .click();
      await field(page, 'password').fill('hotpot-lead-2024');
      await saveDrawer(page);
      expect(await see(row(page, email))).toContain(roleName);
      await screenshot(page, 'admin-staff-zh-CN.png');

      await row(page, email)
        .getByRole('button', { name: /编\s*辑/ })
        .click();
      await field(page, 'name').fill('周志强');
      await saveDrawer(page);
      expect(await see(row(page, '周志强'))).toContain(email);

      // The new account signs in and sees only what its role allows.
      const lead = await openPage(browser, { language: 'zh-CN' });
      try {
        await signIn(lead.page, baseUrl, { email, password: 'hotpot-lead-2024' });
        expect(await menuItems(lead.page)).toEqual([
          '首页',
          '会员',
          '影响力中心',
          '我的工作',
          '来电显示',
          '商品',
          '稽核记录',
        ]);
        expect(await see(lead.page.getByTestId('role-name'))).toBe(roleName);
      } finally {
        await lead.context.close();
      }

      await page.locator('.ant-menu-item', { hasText: '稽核记录' }).click();
      const table = page.locator('.ant-table-tbody');
      // The demo business keeps writing its sample members for a while: look per record type.
      await choose(page, 'audit-entity-filter', '角色');
      await see(row(page, '创建角色'));
      await choose(page, 'audit-entity-filter', '员工');
      await see(row(page, '修改员工'));
      const text = await table.innerText();
      for (const label of ['新增员工', '修改员工', '登录']) expect(text).toContain(label);

      await choose(page, 'audit-action-filter', '修改员工');
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.ant-table-row')].every((r) =>
          r.textContent?.includes('staff.updated'),
        ),
      );
      await row(page, '修改员工').first().locator('.ant-table-row-expand-icon').click();
      const detail = await see(page.getByTestId('audit-detail'));
      expect(detail).toContain('周店长');
      expect(detail).toContain('周志强');
    } finally {
      await context.close();
    }
  });

  it('loads older audit entries with "load more" and filters by record type', async () => {
    const { context, page } = await openPage(browser, { language: 'en' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      // Enough entries for a second page: 55 edits of a custom role.
      const api = await apiAs(page, baseUrl);
      const res = await api.post('/roles', {
        name: `Auditor ${Date.now().toString(36).slice(-4)}`,
        permissions: ['audit.view'],
      });
      let role = await res.json();
      for (let i = 0; i < 55; i++) {
        const r = await api.put(`/roles/${role.roleId}`, {
          name: role.name,
          permissions: i % 2 ? ['audit.view'] : ['audit.view', 'members.browse'],
          version: role.version,
        });
        expect(r.status()).toBe(200);
        role = await r.json();
      }
      await page.goto(`${baseUrl}/admin/audit`);
      await see(row(page, 'Role changed'));
      expect(await page.locator('.ant-table-row').count()).toBe(50);
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.waitForFunction(() => document.querySelectorAll('.ant-table-row').length > 50);

      await choose(page, 'audit-entity-filter', 'Staff account');
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('.ant-table-row')];
        return (
          rows.length > 0 &&
          rows.length < 50 &&
          rows.every((r) => r.textContent?.includes('Staff account'))
        );
      });
      await choose(page, 'audit-entity-filter', 'Role');
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.ant-table-row')].every(
          (r) => r.textContent?.includes('Role changed') || r.textContent?.includes('Role created'),
        ),
      );
      await row(page, 'Role changed').first().locator('.ant-table-row-expand-icon').click();
      await see(page.getByTestId('audit-detail'));
      await screenshot(page, 'admin-audit-en.png');
    } finally {
      await context.close();
    }
  });
});
