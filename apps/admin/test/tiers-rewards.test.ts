import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, DEMO_ACCOUNTS, launchChromium, openPage, screenshot, see, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const SAVE = /^儲\s*存$/;
const drawer = (page: Page) => page.getByRole('dialog').filter({ visible: true });
const field = (page: Page, name: string) => drawer(page).locator(`[id$="_${name}"]`);
const row = (page: Page, text: string) => page.locator('.ant-table-row', { hasText: text });

describe('tiers, rewards and missions in the console', () => {
  it('sets up a tier and a reward, shows a member’s tier and coupons, and voids a coupon', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const { context, page } = await openPage(browser, { language: 'zh-TW' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      const api = await apiAs(page, baseUrl);

      // A tier, through its drawer.
      await page.goto(`${baseUrl}/admin/tiers`);
      await see(page.getByText('升等方式'));
      await page.getByRole('button', { name: /新增等級/ }).click();
      await field(page, 'name').fill(`鑽石 ${suffix}`);
      await field(page, 'threshold').fill(String(900_000 + (Date.now() % 90_000)));
      await field(page, 'discountPercent').fill('8');
      await drawer(page).getByRole('button', { name: SAVE }).click();
      await see(row(page, `鑽石 ${suffix}`));
      expect(await row(page, `鑽石 ${suffix}`).innerText()).toContain('8%');
      await screenshot(page, 'admin-tiers-zh-TW.png');

      // A reward, through its drawer.
      await page.goto(`${baseUrl}/admin/rewards`);
      await page.getByRole('button', { name: /新增獎勵/ }).click();
      await field(page, 'name').fill(`折抵 50 元 ${suffix}`);
      await field(page, 'amount').fill('50');
      await drawer(page).getByRole('button', { name: SAVE }).click();
      await see(row(page, `折抵 50 元 ${suffix}`));
      await screenshot(page, 'admin-rewards-zh-TW.png');

      // A member with a tier and a coupon; Member 360 greets them and lists the coupon.
      const rewards = await api.get('/rewards');
      const reward = rewards.find((r: { name: string }) => r.name === `折抵 50 元 ${suffix}`);
      const member = await (await api.post('/members', { name: `林美玲 ${suffix}` })).json();
      await api.post(`/rewards/${reward.rewardId}/redeem`, { memberId: member.memberId });
      await api.post('/purchases', {
        memberId: member.memberId,
        lines: [{ name: '火鍋', unitPriceMinor: 100 }],
      });
      await page.goto(`${baseUrl}/admin/members/${member.memberId}`);
      await page.getByRole('tab', { name: '等級與優惠券' }).click();
      await page.waitForFunction(
        (name) =>
          document.querySelector('[data-testid="tier-greeting"]')?.textContent?.includes(name),
        `林美玲 ${suffix}`,
      );
      await see(page.getByTestId('tier-progress'));
      const couponRow = row(page, `折抵 50 元 ${suffix}`);
      await see(couponRow);
      expect(await couponRow.innerText()).toContain('可使用');
      await screenshot(page, 'admin-member-tier-zh-TW.png');
      await couponRow.getByRole('button', { name: '作廢' }).click();
      await page.getByRole('dialog').getByPlaceholder('原因').fill('客人改選其他');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /作\s*廢/ })
        .click();
      await see(page.getByText('已作廢；所用點數已退還會員。'));
      await page.waitForFunction(
        (name) =>
          [...document.querySelectorAll('.ant-table-row')].some(
            (r) => r.textContent?.includes(name) && r.textContent.includes('已作廢'),
          ),
        `折抵 50 元 ${suffix}`,
      );

      // A mission and the games tab.
      await page.goto(`${baseUrl}/admin/missions`);
      await page.getByRole('button', { name: /新增任務/ }).click();
      await field(page, 'name').fill(`一個月來三次 ${suffix}`);
      await field(page, 'rewardPoints').fill('100');
      await drawer(page).getByRole('button', { name: SAVE }).click();
      await see(row(page, `一個月來三次 ${suffix}`));
      await page.getByRole('tab', { name: '遊戲' }).click();
      await see(page.getByRole('button', { name: /新增遊戲/ }));
      await screenshot(page, 'admin-missions-zh-TW.png');
    } finally {
      await context.close();
    }
  });
});
