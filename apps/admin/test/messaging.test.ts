import type { Browser } from 'playwright-core';
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

describe('messaging in the console', () => {
  it('sends one member a message from Member 360 and shows it in the development outbox', async () => {
    const { context, page } = await openPage(browser, { language: 'zh-TW' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.customer_manager });
      const client = await apiAs(page, baseUrl);
      const members = await client.get('/members?limit=20');
      const member = members.items.find((m: { phone: string | null }) => m.phone);
      const words = `明晚七點見 ${Date.now()}`;

      await page.goto(`${baseUrl}/admin/members/${member.memberId}`);
      await page.getByRole('tab', { name: '訊息' }).click();
      await page.getByTestId('send-text').fill(`{{ member.salutation }}您好，${words}`);
      await page.getByRole('button', { name: /預\s*覽/ }).click();
      expect(await see(page.getByTestId('send-preview'))).toContain(words);
      await page.getByRole('button', { name: /傳\s*送/ }).click();
      await see(page.getByText('已排入寄送'));
      await see(page.locator('.ant-table-row', { hasText: words }));

      // The worker takes it from the queue; in development mode it stays in the outbox, marked sent.
      await expect
        .poll(
          async () => {
            const sent = await client.get(`/messaging/deliveries?memberId=${member.memberId}`);
            return sent.items?.find((d: { text?: string }) => d.text?.includes(words))?.state;
          },
          { timeout: 60_000, interval: 500 },
        )
        .toBe('sent');
      await page.goto(`${baseUrl}/admin/messages/outbox`);
      expect(await see(page.getByTestId('outbox-mode'))).toContain('開發模式');
      const row = page.locator('.ant-table-row', { hasText: words });
      await see(row);
      await choose(page, 'outbox-state', '已寄出');
      await see(row);
      expect(await see(row.getByTestId('delivery-state'))).toBe('已寄出');
      await row.locator('.ant-table-row-expand-icon').click();
      expect(await see(page.getByTestId('delivery-text'))).toContain(words);
      await screenshot(page, 'admin-outbox-zh-TW.png');
    } finally {
      await context.close();
    }
  });

  it('lets the marketing manager write a template and preview it with a real member', async () => {
    const { context, page } = await openPage(browser, { language: 'en' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.marketing_manager });
      const client = await apiAs(page, baseUrl);
      const members = await client.get('/members?limit=5');
      const member = members.items[0];
      const name = `Welcome back ${Date.now()}`;

      await page.goto(`${baseUrl}/admin/messages/templates`);
      await page.getByRole('button', { name: 'New template' }).click();
      await page.getByTestId('template-name').fill(name);
      await page.getByTestId('template-text-zh-TW').fill('歡迎回來，');
      await page.locator('.ant-tag', { hasText: 'member.salutation' }).click();
      expect(await page.getByTestId('template-text-zh-TW').inputValue()).toBe(
        '歡迎回來，{{ member.salutation }}',
      );
      // the SMS parts follow the text as it is typed: 71 Chinese characters take two
      const segments = page.getByTestId('template-segments-zh-TW');
      expect(await see(segments)).toContain('(UCS-2)');
      await page.getByTestId('template-text-zh-TW').fill('謝'.repeat(71));
      await expect
        .poll(() => segments.innerText())
        .toBe('SMS: 2 part(s), 71 characters, 63 left in this part (UCS-2)');
      await page.getByTestId('template-text-zh-TW').fill('Hello {{ member.salutation }}');
      await expect.poll(() => segments.innerText()).toMatch(/^SMS: 1 part\(s\).*\(GSM-7\)$/);
      await page.getByTestId('template-text-zh-TW').fill('歡迎回來，{{ member.salutation }}');
      await page.getByTestId('template-preview-member').locator('input').fill(member.name);
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: member.name })
        .first()
        .click();
      expect(await see(page.getByTestId('template-preview'))).toContain('歡迎回來，');
      await screenshot(page, 'admin-template-en.png');
      await page.getByRole('button', { name: 'Save' }).click();
      await see(page.locator('.ant-table-row', { hasText: name }));
    } finally {
      await context.close();
    }
  });

  it('shows the messaging menu by role and saves the frequency cap', async () => {
    const assistant = await openPage(browser, { language: 'zh-CN' });
    try {
      await signIn(assistant.page, baseUrl, { email: DEMO_ACCOUNTS.customer_assistant });
      expect(await menuItems(assistant.page)).not.toContain('发件箱');
    } finally {
      await assistant.context.close();
    }
    const { context, page } = await openPage(browser, { language: 'zh-CN' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      const items = await menuItems(page);
      expect(items).toEqual(expect.arrayContaining(['发件箱', '消息模板', '消息设置']));
      await page.goto(`${baseUrl}/admin/messages/settings`);
      await page.locator('#capCount').fill('3');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await see(page.getByText('已保存'));
      const client = await apiAs(page, baseUrl);
      expect((await client.get('/messaging/settings')).capCount).toBe(3);
      // the SMS gateway set-up: the business's own inbound address and the block for kannel.conf
      const gateway = await client.get('/sms/gateway');
      expect(await see(page.getByTestId('sms-gateway-mode'))).toContain(
        gateway.live ? '已启用' : '开发模式',
      );
      expect(await see(page.getByTestId('sms-inbound-url'))).toContain(gateway.inboundUrl);
      const service = await see(page.getByTestId('sms-service'));
      expect(service).toContain('group = sms-service');
      expect(service).toContain(`get-url = "${gateway.inboundUrl}"`);
      await screenshot(page, 'admin-sms-gateway-zh-CN.png');
    } finally {
      await context.close();
    }
  });
});
