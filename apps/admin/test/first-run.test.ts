import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, menuItems, openPage, screenshot, see } from './browser';
import { spawnRegulars, type SpawnedRegulars } from './spawn-regulars';

/** Each test gets its own empty installation: the first-run screen shows only there. */
let browser: Browser;
const started: SpawnedRegulars[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(started.map((r) => r.stop()));
});

async function emptyInstallation(): Promise<string> {
  const r = await spawnRegulars();
  started.push(r);
  return r.baseUrl;
}

describe('first run on an empty installation', () => {
  it('creates the business and its first administrator, then lands in the console', async () => {
    const baseUrl = await emptyInstallation();
    const { context, page } = await openPage(browser, { locale: 'zh-TW' });
    try {
      await page.goto(`${baseUrl}/admin/`);
      expect(await see(page.getByRole('heading', { name: '歡迎使用熟客' }))).toBe('歡迎使用熟客');
      await page.locator('#name').fill('小巷烘焙坊');
      await page.locator('#slug').fill('Bad Code!');
      await page.locator('#adminName').fill('王小明');
      await page.locator('#email').fill('owner@bakery.example');
      await page.locator('#password').fill('short');
      await page.locator('#confirm').fill('different');
      await page.getByRole('button', { name: '建立並登入' }).click();
      // The form checks what the API would refuse, in the user's language.
      await see(page.getByText('請使用 3–40 個小寫英文字母、數字或連字號'));
      await see(page.getByText('密碼至少需要 10 個字元。'));
      await see(page.getByText('兩次輸入的密碼不一致。'));

      await page.locator('#slug').fill('bakery');
      await page.locator('#password').fill('flour-and-butter');
      await page.locator('#confirm').fill('flour-and-butter');
      await screenshot(page, 'admin-first-run-zh-TW.png');
      await page.getByRole('button', { name: '建立並登入' }).click();

      expect(await see(page.getByTestId('welcome'))).toBe('王小明，歡迎回來');
      expect(await see(page.getByTestId('business-name'))).toBe('小巷烘焙坊');
      expect(await see(page.getByTestId('role-name'))).toBe('系統管理員');
      expect(await menuItems(page)).toContain('企業設定');
      // A business without stores (or with one) has nothing to switch between.
      expect(await page.getByTestId('store-switch').count()).toBe(0);
    } finally {
      await context.close();
    }
    // Once set up, a new visitor gets the sign-in page, not the first-run screen.
    const second = await openPage(browser, { locale: 'en-US' });
    try {
      await second.page.goto(`${baseUrl}/admin/`);
      expect(await see(second.page.locator('.ant-card h3'))).toBe('Sign in');
    } finally {
      await second.context.close();
    }
  });

  it('loads the demo, shows its accounts and signs in with them', async () => {
    const baseUrl = await emptyInstallation();
    const { context, page } = await openPage(browser, { locale: 'en-US' });
    try {
      await page.goto(`${baseUrl}/admin/`);
      await page.getByRole('button', { name: 'Load the demo' }).click();
      const accounts = page.getByTestId('demo-accounts');
      const text = await see(accounts);
      for (const email of ['admin@hotpot.demo', 'crm@hotpot.demo', 'marketing@hotpot.demo'])
        expect(text).toContain(email);
      expect(text).toContain('assistant@hotpot.demo');
      expect(text).toContain('Customer assistant');
      expect(text).toContain('regulars-demo');

      await page.getByRole('button', { name: 'Go to sign-in' }).click();
      expect(await page.locator('#businessCode').inputValue()).toBe('hotpot');
      expect(await page.locator('#email').inputValue()).toBe('admin@hotpot.demo');
      expect(await page.locator('#password').inputValue()).toBe('regulars-demo');
      await page.locator('form button[type=submit]').click();
      expect(await see(page.getByTestId('business-name'))).toBe('老街麻辣火鍋');
      expect(await see(page.getByTestId('role-name'))).toBe('System administrator');
    } finally {
      await context.close();
    }
  });
});
