import type { Browser, Page } from 'playwright-core';
import type { Purchase } from '@regulars/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, DEMO_ACCOUNTS, launchChromium, screenshot, see, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };

/** A tablet at the counter: touch, landscape, signed in as a customer assistant. */
async function openTill(language: 'en' | 'zh-TW') {
  const context = await browser.newContext({
    viewport: LANDSCAPE,
    hasTouch: true,
    locale: 'en-US',
    timezoneId: 'Asia/Taipei',
  });
  await context.addInitScript((lang) => {
    if (!localStorage.getItem('regulars.admin.language'))
      localStorage.setItem('regulars.admin.language', lang);
  }, language);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.customer_assistant });
  return { context, page };
}

/**
 * A demo member with a phone number and points to spend, below the top tier (so a large sale lifts
 * them), and a fresh NT$50-off coupon of their own.
 */
async function memberWithCoupon(page: Page, suffix: string) {
  const api = await apiAs(page, baseUrl);
  const list = await api.get('/members?limit=50');
  let member: { memberId: string; phone: string; cardNumber: string; addressAs: string } | null =
    null;
  for (const m of list.items as { memberId: string; phone: string | null; cardNumber: string }[]) {
    if (!m.phone) continue;
    const card = await api.get(`/pos/members?card=${m.cardNumber}`);
    if (card.tier?.name === '一般會員' && card.points.available >= 10) {
      member = await api.get(`/members/${m.memberId}/contact`);
      break;
    }
  }
  if (!member) throw new Error('no demo member with a phone in the first tier');
  const reward = await (
    await api.post('/rewards', {
      kind: 'fixed_amount',
      name: `Till coupon ${suffix}`,
      amountMinor: 5_000,
      redeemable: false,
    })
  ).json();
  const issued = await api.post('/coupons/bulk', {
    rewardId: reward.rewardId,
    memberIds: [member.memberId],
    batchRef: `till-${suffix}`,
  });
  expect(issued.status()).toBe(200);
  return member;
}

async function find(page: Page, text: string) {
  await page.getByTestId('member-box').fill(text);
  await page.getByTestId('member-box').press('Enter');
}

async function tapProduct(page: Page, search: string) {
  await page.getByTestId('product-search').fill(search);
  await page.locator('[data-testid="product-tile"]', { hasText: search }).first().tap();
}

describe('cashier screen', () => {
  it('finds a demo member by phone, sells two products with points, and uses a coupon once (en, zh-TW; landscape and portrait)', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const admin = await browser.newContext();
    const adminPage = await admin.newPage();
    await signIn(adminPage, baseUrl, { email: DEMO_ACCOUNTS.admin });
    const member = await memberWithCoupon(adminPage, suffix);
    await admin.close();

    const { context, page } = await openTill('en');
    try {
      // The console's menu leads to the till, which then fills the screen without it.
      await page.getByRole('menuitem', { name: 'Cashier' }).click();
      await page.getByTestId('cashier').waitFor();
      expect(await page.locator('.ant-layout-sider').count()).toBe(0);

      // The phone as a customer says it: digits only, no dashes.
      await find(page, member.phone.replace(/\D/g, ''));
      expect(await see(page.getByTestId('member-greeting'))).toBe(member.addressAs);
      expect(await see(page.getByTestId('member-card'))).toMatch(/\*\*\*/);
      await page
        .getByTestId('coupon')
        .filter({ hasText: `Till coupon ${suffix}` })
        .waitFor();

      await tapProduct(page, '招牌麻辣鍋');
      await tapProduct(page, '厚切牛舌');
      await page.getByTestId('line-more').nth(1).tap();
      expect(await page.getByTestId('sale-line').count()).toBe(2);
      expect(await see(page.getByTestId('sale-total'))).toContain('1,220');
      expect(await see(page.getByTestId('sale-preview'))).toMatch(/Earns \d+ points/);
      await screenshot(page, 'cashier-sale-en-1024.png');

      // A double tap records one sale.
      const till = await apiAs(page, baseUrl);
      const tillSales = async () =>
        ((await till.get(`/members/${member.memberId}/purchases`)) as Purchase[]).filter((p) =>
          p.externalId?.startsWith('till-'),
        ).length;
      const before = await tillSales();
      await page.getByTestId('sale-record').dblclick();
      const earned = await see(page.getByTestId('earned-points'));
      expect(Number(earned.replace(/\D/g, ''))).toBeGreaterThan(0);
      expect(await tillSales()).toBe(before + 1);
      expect(await see(page.getByTestId('result-balance'))).toMatch(/Points now/);
      await screenshot(page, 'cashier-result-en-1024.png');

      // The coupon, once, on the next sale: from the member's list it takes NT$50 off; the same
      // code typed again is refused.
      // Points and stored value spent at the till, each after a confirmation.
      const pointsNow = async () =>
        Number((await see(page.getByTestId('member-points'))).replace(/\D/g, ''));
      const pointsBefore = await pointsNow();
      await page.getByTestId('spend-points').fill('10');
      await page.getByTestId('spend-points-submit').tap();
      await page.getByTestId('spend-confirm').tap();
      await page.getByText('10 points used').waitFor();
      await expect.poll(pointsNow).toBe(pointsBefore - 10);
      await page.getByTestId('spend-stored-value').fill('10');
      await page.getByTestId('spend-stored-value-submit').tap();
      await page.getByTestId('spend-confirm').tap();
      expect(await see(page.getByTestId('spend').getByTestId('error'))).toContain(
        'Not enough stored value',
      );

      await page.getByTestId('sale-again').tap();
      await tapProduct(page, '厚切牛舌');
      const coupon = page.getByTestId('coupon').filter({ hasText: `Till coupon ${suffix}` });
      const code = (await coupon.locator('code').innerText()).trim();
      await coupon.getByTestId('coupon-use').tap();
      await page.getByTestId('coupon-confirm').tap();
      await page.getByText(`Coupon ${code} used`).waitFor();
      await expect.poll(() => coupon.count()).toBe(0);
      expect(await see(page.getByTestId('sale-coupon'))).toContain('50');
      expect(await see(page.getByTestId('sale-total'))).toContain('370');
      await page.getByTestId('coupon-box').fill(code);
      await page.getByTestId('coupon-redeem').tap();
      expect(await see(page.getByTestId('coupons').getByTestId('error'))).toMatch(/already/i);

      await page.setViewportSize(PORTRAIT);
      await screenshot(page, 'cashier-coupon-en-768.png');

      // The server records the sale but its answer is lost: sent again, it is recorded once.
      let lost = false;
      await page.route('**/api/pos/purchases', async (route) => {
        if (lost) return route.continue();
        lost = true;
        await route.fetch();
        await route.abort('connectionreset');
      });
      await page.getByTestId('sale-record').tap();
      await page.getByText('The answer was lost').waitFor();
      expect(await page.getByTestId('line-more').isDisabled()).toBe(true);
      await page.getByTestId('sale-record').tap();
      await see(page.getByTestId('earned-points'));
      expect(await tillSales()).toBe(before + 2);
      await screenshot(page, 'cashier-result-en-768.png');
    } finally {
      await context.close();
    }

    // zh-TW, portrait: the card number finds the same member, a large sale lifts their tier; an
    // unknown phone says what to do.
    const tw = await openTill('zh-TW');
    try {
      await tw.page.goto(`${baseUrl}/admin/cashier`);
      await tw.page.setViewportSize(PORTRAIT);
      await find(tw.page, member.cardNumber);
      expect(await see(tw.page.getByTestId('member-card'))).toContain('可用點數');
      // A barcode scanner types the SKU and Enter into the product search.
      await tw.page.getByTestId('product-search').fill('BF-US-PRIME');
      await tw.page.getByTestId('product-search').press('Enter');
      await tw.page.getByTestId('sale-line').filter({ hasText: '美國 Prime 牛小排' }).waitFor();
      expect(await tw.page.getByTestId('product-search').inputValue()).toBe('');
      expect(await see(tw.page.getByTestId('sale-preview'))).toMatch(/可得 \d+ 點/);
      await screenshot(tw.page, 'cashier-sale-zh-TW-768.png');
      await tw.page.setViewportSize(LANDSCAPE);
      await screenshot(tw.page, 'cashier-sale-zh-TW-1024.png');

      // A banquet for NT$100,000 (an amount, not a catalog product) lifts the member's tier.
      await tw.page.getByTestId('amount-box').fill('100000');
      await tw.page.getByTestId('amount-add').tap();
      await tw.page.getByTestId('sale-record').tap();
      expect(await see(tw.page.getByTestId('tier-upgrade'))).toContain('升級為');
      await screenshot(tw.page, 'cashier-upgrade-zh-TW-1024.png');
      await tw.page.getByTestId('next-customer').tap();
      await find(tw.page, '0900-000-001');
      expect(await see(tw.page.getByTestId('member-lookup').getByTestId('error'))).toContain(
        '找不到手機號碼',
      );
    } finally {
      await tw.context.close();
    }
  });
});
