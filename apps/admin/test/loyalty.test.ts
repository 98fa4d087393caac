import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiAs,
  DEMO_ACCOUNTS,
  launchChromium,
  openPage,
  openTab,
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
/** Opens a Member 360 tab, even one the tab bar has scrolled partly out of view. */

describe('points programme', () => {
  it('sets up an earning rule, previews a basket, and shows a member’s points with why, an adjustment and stored value (en, zh-TW)', async () => {
    const { context, page } = await openPage(browser, { language: 'en' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      const api = await apiAs(page, baseUrl);
      const suffix = Date.now().toString(36).slice(-5);
      const ruleName = `Browser rule ${suffix}`;

      await page.goto(`${baseUrl}/admin/loyalty`);
      await page.getByTestId('program-card').waitFor();
      await page.getByTestId('add-rule').click();
      await drawer(page).getByTestId('rule-name').fill(ruleName);
      await drawer(page).getByTestId('rule-points').fill('1');
      await drawer(page).getByTestId('rule-per-amount').fill('50');
      await drawer(page).getByRole('button', { name: 'Save' }).click();
      await see(page.locator('.ant-table-row', { hasText: ruleName }));
      expect(await see(page.locator('.ant-table-row', { hasText: ruleName }))).toContain(
        '1 points per',
      );

      await page.getByTestId('preview-amount').fill('500');
      await page.getByTestId('preview-run').click();
      const preview = await see(page.getByTestId('preview-result'));
      expect(Number(preview.replace(/\D/g, ''))).toBeGreaterThanOrEqual(10);
      await screenshot(page, 'loyalty-programme.png');

      const member = await (await api.post('/members', { name: `積分 ${suffix}` })).json();
      const sale = await api.post('/pos/purchases', {
        memberId: member.memberId,
        externalId: `browser-${suffix}`,
        lines: [{ name: 'Hot pot for two', unitPriceMinor: 100_000 }],
      });
      expect(sale.status()).toBe(200);
      const earned = (await sale.json()).earned.points as number;
      expect(earned).toBeGreaterThanOrEqual(20);
      const topUp = await api.post('/pos/stored-value/top-ups', {
        memberId: member.memberId,
        amountMinor: 200_000,
        externalId: `browser-top-${suffix}`,
      });
      expect(topUp.status(), await topUp.text()).toBe(200);

      // The programme may hold new points back for its return window and give a sign-up bonus
      // through the member.created event: read the balance once nothing more is arriving.
      const balanceOf = async () =>
        (await api.get(`/members/${member.memberId}/points`)) as {
          available: number;
          pending: number;
        };
      let balance = await balanceOf();
      await expect
        .poll(
          async () => {
            const before = balance;
            await new Promise((r) => setTimeout(r, 1000));
            balance = await balanceOf();
            const settled = JSON.stringify(before) === JSON.stringify(balance);
            return settled && balance.available + balance.pending >= earned;
          },
          { timeout: 30_000 },
        )
        .toBe(true);

      await page.goto(`${baseUrl}/admin/members/${member.memberId}`);
      await openTab(page, 'Points');
      await page.getByTestId('points-card').waitFor();
      await page
        .getByTestId('points-available')
        .filter({ hasText: String(balance.available) })
        .waitFor();
      // Points held back for the return window are in the timeline below, with their rule.
      await page.getByTestId('stored-value-balance').filter({ hasText: '2,000' }).waitFor();

      await page.getByTestId('adjust-points').fill('3');
      await page.getByTestId('adjust-reason').fill('Sorry for the long wait');
      await page.getByTestId('adjust-submit').click();
      await page.getByText('Points adjusted').waitFor();
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="points-available"]')?.textContent?.includes(n),
        String(balance.available + 3),
      );
      expect(await see(page.getByTestId('points-history'))).toContain('Sorry for the long wait');
      await screenshot(page, 'member-points.png');
      // The timeline tells the same story: the purchase's points with the rule that gave them.
      await openTab(page, 'Timeline');
      await page.getByText(`Earned +${earned} points`).waitFor();
      await page.getByText(ruleName).first().waitFor();

      await page.evaluate(() => localStorage.setItem('regulars.admin.language', 'zh-TW'));
      await page.reload();
      await openTab(page, '點數');
      await page.getByTestId('points-card').waitFor();
      expect(await see(page.getByTestId('stored-value-card'))).toContain('儲值');
      expect(await see(page.getByTestId('points-history'))).toContain('調整');
    } catch (e) {
      await screenshot(page, 'loyalty-failure.png');
      throw e;
    } finally {
      await context.close();
    }
  });
});
