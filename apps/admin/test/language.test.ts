import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
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

describe('language', () => {
  it('starts in the browser language, switches zh-CN → zh-TW → en, and remembers the choice', async () => {
    const { context, page } = await openPage(browser, { locale: 'zh-CN' });
    try {
      await page.goto(`${baseUrl}/admin/`);
      expect(await see(page.locator('.ant-card h3'))).toBe('登录');
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      expect(await menuItems(page)).toContain('企业设置');
      expect(await see(page.getByTestId('role-name'))).toBe('系统管理员');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

      await choose(page, 'language-switch', '繁體中文');
      expect(await see(page.getByTestId('welcome'))).toBe('陳志明，歡迎回來');
      expect(await menuItems(page)).toEqual([
        '首頁',
        '會員',
        '影響力中心',
        '我的工作',
        '來電顯示',
        '重複會員',
        '匯入資料',
        '商品',
        '寄件匣',
        '訊息範本',
        '收銀台',
        '點數方案',
        '會員等級',
        '獎勵與優惠券',
        '任務與遊戲',
        '企業設定',
        '訊息設定',
        '會員自訂欄位',
        '門市',
        '員工',
        '角色權限',
        'API 金鑰',
        'Webhooks',
        '稽核紀錄',
      ]);
      expect(await see(page.getByTestId('role-name'))).toBe('系統管理員');
      await screenshot(page, 'admin-home-zh-TW.png');

      await choose(page, 'language-switch', 'English');
      expect(await see(page.getByTestId('welcome'))).toBe('Welcome, 陳志明');
      expect(await menuItems(page)).toContain('Business settings');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

      await page.reload();
      expect(await see(page.getByTestId('welcome'))).toBe('Welcome, 陳志明');
      expect(await menuItems(page)).toContain('Business settings');
      expect(await see(page.getByTestId('language-switch'))).toContain('English');
    } finally {
      await context.close();
    }
  });

  it('shows the sign-in page in Traditional Chinese for a zh-TW browser', async () => {
    const { context, page } = await openPage(browser, { locale: 'zh-TW' });
    try {
      await page.goto(`${baseUrl}/admin/`);
      expect(await see(page.locator('.ant-card h3'))).toBe('登入');
      expect(await see(page.locator('label[for=businessCode]'))).toBe('企業代碼');
      expect(await see(page.locator('form button[type=submit]'))).toMatch(/^登\s*入$/);
      await screenshot(page, 'admin-sign-in-zh-TW.png');
    } finally {
      await context.close();
    }
  });
});
