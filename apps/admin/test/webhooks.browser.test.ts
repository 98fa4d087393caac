import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ACCOUNTS, launchChromium, openPage, screenshot, see, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let receiver: Server;
let hookUrl: string;
const hits: { headers: IncomingHttpHeaders; body: string }[] = [];
/** Status codes the receiver answers with, in turn; 204 once they run out. */
const answers: number[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/regulars/events`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => receiver?.close(r));
});

/** What a receiver does: HMAC-SHA-256 over "<timestamp>.<body>" with the secret. */
const verifies = (secret: string, h: { headers: IncomingHttpHeaders; body: string }) =>
  h.headers['x-regulars-signature'] ===
  `sha256=${createHmac('sha256', secret)
    .update(`${String(h.headers['x-regulars-timestamp'])}.${h.body}`)
    .digest('hex')}`;

async function waitFor<T>(fn: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('webhooks page', () => {
  it('adds an endpoint, shows its secret once, sends a signed test event and retries and redelivers (en, zh-TW)', async () => {
    const { context, page } = await openPage(browser, { language: 'en' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      await page.getByRole('menuitem', { name: 'Webhooks' }).click();
      await see(page.getByText('No endpoints yet'));
      await page.getByRole('button', { name: 'Add endpoint' }).click();

      // A metadata address is refused, with the reason under the field.
      await page.getByTestId('webhook-url').fill('http://169.254.169.254/latest');
      await page.getByRole('checkbox', { name: 'member.created' }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      expect(await see(page.locator('.ant-form-item-explain-error'))).toContain('169.254.169.254');

      await page.getByTestId('webhook-url').fill(hookUrl);
      await page.getByLabel('Description').fill('Online shop');
      await page.getByRole('checkbox', { name: 'points.earned' }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      const secret = await see(page.getByTestId('webhook-secret'));
      expect(secret).toMatch(/^whsec_/);
      await page.getByRole('button', { name: 'I have copied it' }).click();
      await see(page.getByText('Online shop'));
      await see(page.getByText('2 events'));

      await page.getByRole('button', { name: 'Send test event' }).click();
      await see(page.getByText('Test event delivered (HTTP 204)'));
      const test = hits.at(-1)!;
      expect(JSON.parse(test.body)).toMatchObject({ type: 'webhook.test' });
      expect(verifies(secret, test)).toBe(true);
      expect(verifies('another secret', test)).toBe(false);

      // The receiver is down for a moment: the test event waits for a retry, shown in the log.
      answers.push(503);
      await page.getByRole('button', { name: 'Send test event' }).click();
      await see(page.getByText('The test event was not accepted: HTTP 503'));
      await page.getByRole('button', { name: 'Delivery log' }).click();
      const log = page.getByTestId('webhook-deliveries');
      const retrying = log.locator('.ant-table-row', { hasText: 'Retrying' });
      await see(retrying.getByText('HTTP 503'));
      expect(await retrying.locator('td').nth(5).innerText()).toMatch(/\d{2}:\d{2}/);
      await screenshot(page, 'webhooks-retrying.png');

      // Sent again at once by the worker, under the same event id.
      const failedId = JSON.parse(hits.at(-1)!.body).id as string;
      await retrying.getByRole('button', { name: 'Send again' }).click();
      await see(page.getByText('Queued to be sent again'));
      const again = await waitFor(
        () =>
          hits.at(-1)!.headers['x-regulars-event-id'] === failedId && hits.length > 2
            ? hits.at(-1)
            : undefined,
        'the redelivery at the receiver',
      );
      expect(again.headers['x-regulars-event-id']).toBe(failedId);
      expect(verifies(secret, again)).toBe(true);
      await expect
        .poll(
          async () => {
            await page.getByRole('button', { name: 'Refresh' }).click();
            return log.locator('.ant-tag', { hasText: 'Delivered' }).count();
          },
          { timeout: 20_000 },
        )
        .toBe(2);
      await see(log.getByText('HTTP 204').first());
      await screenshot(page, 'webhooks-log.png');
      await page.locator('.ant-drawer-close').click();

      // Edited: switched off, which the list shows.
      await page.getByRole('button', { name: 'Edit' }).click();
      await page.getByRole('switch').click();
      await page.getByRole('button', { name: 'Save' }).click();
      await see(page.locator('.ant-table-row .ant-tag', { hasText: 'Off' }));
      await screenshot(page, 'webhooks.png');
    } finally {
      await context.close();
    }

    const zh = await openPage(browser, { language: 'zh-TW' });
    try {
      await signIn(zh.page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      await zh.page.getByRole('menuitem', { name: 'Webhooks' }).click();
      await see(zh.page.getByText('會員、點數、等級'));
      await zh.page.getByRole('button', { name: '投遞紀錄' }).click();
      await see(zh.page.getByTestId('webhook-deliveries').getByText('已送達').first());
      await screenshot(zh.page, 'webhooks-log-zh-TW.png');
    } finally {
      await zh.context.close();
    }
  });
});
