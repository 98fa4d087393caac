import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
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
  freshMobile,
} from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const AGENT_PASSWORD = 'call-center-2024';
const popup = (page: Page) => page.getByTestId('call-popup');
/** To a page through the menu: the console stays, and so does its line to the calls. */
const menu = (page: Page, label: string) =>
  page
    .locator('.ant-layout-sider .ant-menu-item')
    .filter({ has: page.getByText(label, { exact: true }) })
    .click();
const toMembers = async (page: Page, label = '會員') => {
  await menu(page, label);
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

type Api = Awaited<ReturnType<typeof apiAs>>;

/** An administrator sets up a call-center agent with an extension, and the phone system's key. */
async function callCenter(api: Api, suffix: string) {
  const roles = (await api.get('/roles')) as { roleId: string; systemKey: string | null }[];
  const role = roles.find((r) => r.systemKey === 'customer_manager')!;
  const email = `agent-${suffix}@hotpot.demo`;
  const extension = `8${suffix}`;
  const staff = await api.post('/staff', {
    name: `接線員${suffix}`,
    email,
    roleId: role.roleId,
    phoneExtension: extension,
    password: AGENT_PASSWORD,
  });
  expect(staff.status(), await staff.text()).toBe(200);
  const key = await api.post('/api-keys', { name: `PBX ${suffix}`, permissions: ['calls.report'] });
  expect(key.status(), await key.text()).toBe(200);
  const secret = ((await key.json()) as { secret: string }).secret;
  return { email, extension, secret };
}

/**
 * A TCP relay in front of Regulars, so a test can cut every connection the browser has open —
 * what a dropped Wi-Fi or a restarted proxy does to a live line.
 */
async function relay(target: string) {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: () => open.forEach((s) => s.destroy()),
    close: () => {
      open.forEach((s) => s.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resolves once the console's live line to the calls is open (its response has begun). */
const lineOpen = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/calls/stream') && r.status() === 200);

describe('caller ID on every page', () => {
  it('pops the caller’s card up on the members list, in zh-TW and then in English, and offers to add an unknown caller', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const mobile = freshMobile(7);
    const admin = await openPage(browser, { language: 'en' });
    const agent = await openPage(browser, { language: 'zh-TW' });
    try {
      // An administrator sets up a call-center agent with an extension, and the phone system's key.
      await signIn(admin.page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      const api = await apiAs(admin.page, baseUrl);
      const { email, extension, secret } = await callCenter(api, suffix);

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
      await signIn(agent.page, baseUrl, { email, password: AGENT_PASSWORD });
      await toMembers(agent.page);
      await opened;
      await reportCall(secret, mobile, extension);
      const zh = await see(popup(agent.page));
      expect(zh).toContain('上官小姐');
      expect(zh).toContain(`熟客${suffix}`);
      expect(zh).toContain('$680');
      expect(zh).toContain(`回電確認訂位 ${suffix}`);
      expect(zh).toContain(`愛喝酸梅湯 ${suffix}`);
      // A customer manager sees the number in full, as written at home (0912-345-678).
      expect(zh).toContain(`${mobile.slice(0, 4)}-${mobile.slice(4, 7)}-${mobile.slice(7)}`);
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
      expect(await see(popup(agent.page).getByTestId('call-popup-number'))).toBe('02-2700-0000');
      await popup(agent.page).getByRole('button', { name: 'New member' }).click();
      const form = agent.page.getByRole('dialog').filter({ hasText: 'Add member' });
      await form.waitFor();
      expect(await form.locator('[id$="_phone"]').first().inputValue()).toBe('02-2700-0000');

      // A call to another extension does not ring here.
      await agent.page.keyboard.press('Escape');
      await reportCall(secret, mobile, `${extension}9`);
      await reportCall(secret, '02-2700-0001', extension);
      await see(popup(agent.page).filter({ hasText: 'Unknown caller' }));
      expect(await popup(agent.page).filter({ hasText: 'Ms Shangguan' }).count()).toBe(0);

      // One line per tab: the caller-ID page shows calls on the same line, and pops nothing up.
      const opens: string[] = [];
      agent.page.on('request', (r) => {
        if (r.url().endsWith('/api/calls/stream')) opens.push(r.url());
      });
      await popup(agent.page).getByRole('button', { name: 'Close' }).click();
      await popup(agent.page).waitFor({ state: 'detached' });
      await menu(agent.page, 'Caller ID');
      await see(agent.page.getByTestId('call-line').filter({ hasText: 'appear live' }));
      await reportCall(secret, mobile, extension);
      expect(await see(agent.page.getByTestId('caller-card'))).toContain('Ms Shangguan');
      expect(await popup(agent.page).count()).toBe(0);
      await toMembers(agent.page, 'Members');
      expect(opens).toEqual([]);
    } finally {
      await admin.context.close();
      await agent.context.close();
    }
  });

  it('reopens a dropped line by itself', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const net = await relay(baseUrl);
    const admin = await openPage(browser, { language: 'en' });
    const agent = await openPage(browser, { language: 'en' });
    try {
      await signIn(admin.page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      const { email, extension, secret } = await callCenter(
        await apiAs(admin.page, baseUrl),
        suffix,
      );
      const opened = lineOpen(agent.page);
      await signIn(agent.page, net.url, { email, password: AGENT_PASSWORD });
      await opened;
      const reopened = lineOpen(agent.page);
      net.cut();
      await reopened;
      await reportCall(secret, '02-2700-0002', extension);
      expect(await see(popup(agent.page))).toContain('Unknown caller');
    } finally {
      await admin.context.close();
      await agent.context.close();
      await net.close();
    }
  });
});
