import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiAs,
  choose,
  DEMO_ACCOUNTS,
  launchChromium,
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

const popup = (page: Page) => page.getByTestId('call-popup');
/** To the members list through the menu: the page stays, and so does its line to the calls. */
const toMembers = async (page: Page) => {
  await page
    .locator('.ant-layout-sider .ant-menu-item')
    .filter({ has: page.getByText('會員', { exact: true }) })
    .click();
  await page.getByTestId('member-search').waitFor();
};

/** The phone system reports a call, as it would: an API key with calls.report, no browser. */
async function reportCall(key: string, callerNumber: string, extension: string) {
  const res = await fetch(`${baseUrl}/api/calls`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ callerNumber, extension }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { callId: string; matched: boolean };
}

/** Resolves once the console's live line to the calls is open (its response has begun). */
const lineOpen = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/calls/stream') && r.status() === 200);

describe('caller ID on every page', () => {
  it('pops the caller’s card up on the members list, in zh-TW and then in English, and offers to add an unknown caller', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const extension = `8${String(Date.now() % 1000).padStart(3, '0')}`;
    const mobile = `09${String((Date.now() + 7) % 1e8).padStart(8, '0')}`;
    const admin = await openPage(browser, { language: 'en' });
    const agent = await openPage(browser, { language: 'zh-TW' });
    try {
      // An administrator sets up a call-center agent with an extension, and the phone system's key.
      await signIn(admin.page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      const api = await apiAs(admin.page, baseUrl);
      const roles = (await api.get('/roles')) as { roleId: string; systemKey: string | null }[];
      const role = roles.find((r) => r.systemKey === 'customer_manager')!;
      const email = `agent-${suffix}@hotpot.demo`;
      const staff = await api.post('/staff', {
        name: `接線員${suffix}`,
        email,
        roleId: role.roleId,
        phoneExtension: extension,
        password: 'call-center-2024',
      });
      expect(staff.status(), await staff.text()).toBe(200);
      const key = await api.post('/api-keys', {
        name: `PBX ${suffix}`,
        permissions: ['calls.report'],
      });
      expect(key.status(), await key.text()).toBe(200);
      const secret = ((await key.json()) as { secret: string }).secret;

      // A member with a history worth seeing while the phone rings.
      const created = await api.post('/members', {
        name: '上官婉兒',
        gender: 'female',
        phone: mobile,
        tags: [`熟客${suffix}`],
      });
      const member = (await created.json()) as { memberId: string };
      await api.post(`/members/${member.memberId}/notes`, { body: `愛喝酸梅湯 ${suffix}` });
      await api.post('/tasks', { memberId: member.memberId, title: `回電確認訂位 ${suffix}` });
      await api.post('/purchases', {
        memberId: member.memberId,
        lines: [{ name: '鴛鴦鍋', unitPriceMinor: 68000 }],
      });

      // The agent works on the members list; the call pops up there.
      const opened = lineOpen(agent.page);
      await signIn(agent.page, baseUrl, { email, password: 'call-center-2024' });
      await toMembers(agent.page);
      await opened;
      await reportCall(secret, mobile, extension);
      const zh = await see(popup(agent.page));
      expect(zh).toContain('上官小姐');
      expect(zh).toContain(`熟客${suffix}`);
      expect(zh).toContain('$680');
      expect(zh).toContain(`回電確認訂位 ${suffix}`);
      expect(zh).toContain(`愛喝酸梅湯 ${suffix}`);
      expect(zh).toContain(mobile.slice(1)); // a customer manager sees the number in full
      await screenshot(agent.page, 'admin-call-popup-zh-TW.png');

      // Its link leads to Member 360.
      await popup(agent.page).getByRole('link', { name: '上官小姐' }).click();
      await agent.page.waitForURL(`**/members/${member.memberId}`);
      expect(await see(agent.page.getByTestId('member-name'))).toBe('上官婉兒');
      await popup(agent.page).waitFor({ state: 'detached' });

      // In English, the card comes in English.
      await toMembers(agent.page);
      const reopened = lineOpen(agent.page);
      await choose(agent.page, 'language-switch', 'English');
      await reopened;
      await reportCall(secret, `+886 ${mobile.slice(1)}`, extension);
      const en = await see(popup(agent.page));
      expect(en).toContain('Ms Shangguan');
      expect(en).toContain('Last purchase');
      expect(en).toContain(`回電確認訂位 ${suffix}`);
      await screenshot(agent.page, 'admin-call-popup-en.png');
      await popup(agent.page).getByRole('button', { name: 'Close' }).click();
      await popup(agent.page).waitFor({ state: 'detached' });

      // A number nobody has: say so, and offer to add the caller.
      await reportCall(secret, '02-2700-0000', extension);
      const unknown = await see(popup(agent.page));
      expect(unknown).toContain('Unknown caller');
      expect(await see(popup(agent.page).getByTestId('call-popup-number'))).toContain('227000000');
      await popup(agent.page).getByRole('button', { name: 'New member' }).click();
      const form = agent.page.getByRole('dialog').filter({ hasText: 'Add member' });
      await form.waitFor();
      expect(await form.locator('[id$="_phone"]').first().inputValue()).toContain('227000000');

      // A call to another extension does not ring here.
      await agent.page.keyboard.press('Escape');
      await reportCall(secret, mobile, `${extension}9`);
      await reportCall(secret, '02-2700-0001', extension);
      await see(popup(agent.page).filter({ hasText: 'Unknown caller' }));
      expect(await popup(agent.page).filter({ hasText: 'Ms Shangguan' }).count()).toBe(0);
    } finally {
      await admin.context.close();
      await agent.context.close();
    }
  });
});
