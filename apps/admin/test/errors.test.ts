import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorMessage } from '@regulars/contracts';
import { DEMO_ACCOUNTS, fillSignIn, launchChromium, openPage, see, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('bad paths', () => {
  it("a wrong password shows the server's message in the user's language", async () => {
    const { context, page } = await openPage(browser, { locale: 'zh-TW' });
    try {
      await page.goto(`${baseUrl}/admin/`);
      await fillSignIn(page, {
        email: DEMO_ACCOUNTS.customer_manager,
        password: 'not-the-password',
      });
      const message = await see(page.getByTestId('error'));
      expect(message).toBe(errorMessage('auth.invalid_credentials', 'zh-TW'));
      expect(message).toBe('企業代碼、電子郵件或密碼不正確。');
      expect(await page.getByTestId('user-menu').count()).toBe(0);

      await page.getByTestId('language-switch').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'English' })
        .click();
      await fillSignIn(page, {
        businessCode: 'no-such-business',
        email: 'nobody@example.com',
        password: 'whatever-it-is',
      });
      await page.getByText(errorMessage('auth.invalid_credentials', 'en')).waitFor();
    } finally {
      await context.close();
    }
  });

  it('an empty form is stopped in the browser with a message per field', async () => {
    const { context, page } = await openPage(browser, { locale: 'en-US' });
    try {
      await page.goto(`${baseUrl}/admin/`);
      await page.locator('#businessCode').fill('');
      await page.locator('form button[type=submit]').click();
      await see(page.getByText('Enter your business code.'));
      await see(page.getByText('Enter your email.'));
      await see(page.getByText('Enter your password.'));
    } finally {
      await context.close();
    }
  });

  it('an ended session leads back to sign-in; signing out does too', async () => {
    const { context, page } = await openPage(browser, { locale: 'en-US' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      await context.clearCookies(); // as if the session expired on the server
      await page.locator('.ant-menu-item', { hasText: 'Staff' }).click();
      await see(page.getByText('You have been signed out. Sign in again to continue.'));
      expect(await page.locator('#businessCode').inputValue()).toBe('hotpot');

      await fillSignIn(page, { email: DEMO_ACCOUNTS.admin });
      // Back where the person was going.
      expect(await see(page.locator('main h3').first())).toBe('Staff');
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      expect(await see(page.locator('.ant-card h3'))).toBe('Sign in');
      await page.reload();
      expect(await see(page.locator('.ant-card h3'))).toBe('Sign in');
    } finally {
      await context.close();
    }
  });
});
