import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorMessage } from '@regulars/contracts';
import { apiAs, DEMO_ACCOUNTS, launchChromium, openPage, screenshot, see, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const SAVE = /^保\s*存$/;
const dialog = (page: Page) => page.getByRole('dialog').filter({ visible: true });
const row = (page: Page, text: string) => page.locator('.ant-table-row', { hasText: text });

describe('business settings', () => {
  it('saves, and a stale copy gets the conflict message and can reload', async () => {
    const { context, page } = await openPage(browser, { language: 'zh-CN' });
    const api = { restore: async () => undefined as unknown };
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      const original = await see(page.getByTestId('business-name'));
      const client = await apiAs(page, baseUrl);
      api.restore = async () => {
        const s = await client.get('/settings');
        const keys = ['defaultLanguage', 'timeZone', 'currency', 'phoneCountry', 'rocDates'];
        const kept = ['quietHoursStart', 'quietHoursEnd', 'brandColor', 'version', ...keys];
        const body = Object.fromEntries(kept.map((k) => [k, s[k]]));
        return client.put('/settings', { ...body, name: original });
      };

      await page.goto(`${baseUrl}/admin/settings`);
      await see(page.locator('#name'));
      expect(await page.locator('#name').inputValue()).toBe(original);
      await screenshot(page, 'admin-settings-zh-CN.png');

      // A second tab opens the same settings before the first one saves.
      const stale = await context.newPage();
      await stale.goto(`${baseUrl}/admin/settings`);
      await see(stale.locator('#name'));

      await page.locator('#name').fill('老街麻辣火锅 旗舰');
      await page.locator('#quietHoursStart').fill('22:00');
      await page.getByRole('button', { name: SAVE }).click();
      await see(page.getByText('已保存'));
      expect(await see(page.getByTestId('business-name'))).toBe('老街麻辣火锅 旗舰');

      await stale.locator('#quietHoursEnd').fill('08:30');
      await stale.getByRole('button', { name: SAVE }).click();
      const conflict = await see(stale.getByTestId('error'));
      expect(conflict).toContain(errorMessage('conflict.version', 'zh-CN'));
      await stale.getByRole('button', { name: /重新加载/ }).click();
      await stale.waitForFunction(
        () =>
          (document.querySelector('#name') as HTMLInputElement | null)?.value ===
          '老街麻辣火锅 旗舰',
      );
      expect(await stale.locator('#quietHoursStart').inputValue()).toBe('22:00');
      expect(await stale.getByTestId('error').count()).toBe(0);

      // Client-side check of what the API would refuse.
      await stale.locator('#quietHoursEnd').fill('25:00');
      await stale.getByRole('button', { name: SAVE }).click();
      await see(stale.getByText('请使用 24 小时制时间，例如 21:00。'));
    } finally {
      await api.restore();
      await context.close();
    }
  });

  it('adds a store, and creates and revokes an API key whose secret is shown once', async () => {
    const { context, page } = await openPage(browser, { language: 'zh-CN' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      const code = `T${Date.now().toString(36).slice(-5).toUpperCase()}`;
      await page.goto(`${baseUrl}/admin/stores`);
      await see(row(page, 'XIMEN'));
      await page.getByRole('button', { name: '新增门店' }).click();
      await dialog(page).locator('[id$="_code"]').fill(code);
      await dialog(page).locator('[id$="_name"]').fill('测试店');
      await dialog(page).getByRole('button', { name: SAVE }).click();
      expect(await see(row(page, code))).toContain('测试店');

      await page.goto(`${baseUrl}/admin/api-keys`);
      await page.getByRole('button', { name: '新建 API 密钥' }).click();
      await dialog(page).locator('[id$="_name"]').fill('西门店 POS');
      await dialog(page).getByRole('button', { name: SAVE }).click();
      await see(dialog(page).getByText('请至少选择一项权限。'));
      await dialog(page).getByText('浏览会员').click();
      await dialog(page).getByRole('button', { name: SAVE }).click();
      const secret = await see(page.getByTestId('api-key-secret'));
      expect(secret).toMatch(/^rk_/);
      await see(page.getByText('它只显示这一次'));
      await page.getByRole('button', { name: '我已复制' }).click();

      const keyRow = row(page, '西门店 POS').filter({ hasText: '启用' }).first();
      await see(keyRow);
      await keyRow.getByRole('button', { name: /撤\s*销/ }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await see(page.getByText('密钥已撤销'));
      await see(row(page, '西门店 POS').filter({ hasText: '已撤销' }));
    } finally {
      await context.close();
    }
  });
});
