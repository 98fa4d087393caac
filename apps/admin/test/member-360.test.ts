import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Language } from '@regulars/contracts';
import {
  apiAs,
  DEMO_ACCOUNTS,
  freshMobile,
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

const entry = (page: Page, kind: string) => page.getByTestId(`timeline-${kind}`);
/** The text of every entry of one kind. */
const entries = async (page: Page, kind: string) => {
  await see(entry(page, kind));
  return (await entry(page, kind).allInnerTexts()).join('\n');
};

/** What each kind of entry says, per language. */
const EXPECTED: Record<Language, Record<string, string[]>> = {
  'zh-TW': {
    purchase: ['消費', '於西門店', '等 1 項'],
    note: ['記事', '不吃蔥', '— '],
    task: ['工作：', '待辦', '到期'],
    anniversary: ['紀念日', '記下結婚紀念日：'],
    relation: ['親友', '配偶：', '小安（非會員）'],
    call: ['來電', '來電至分機 7001'],
    consent: ['撤回', '員工輸入'],
    joined: ['入會', '成為會員'],
  },
  'zh-CN': {
    purchase: ['消费', '于西門店', '等 1 项'],
    note: ['记事', '不吃蔥'],
    task: ['工作：', '待办'],
    anniversary: ['纪念日', '记下结婚纪念日：'],
    relation: ['亲友', '小安（非会员）'],
    call: ['来电', '来电至分机 7001'],
    consent: ['撤回'],
    joined: ['入会', '成为会员'],
  },
  en: {
    purchase: ['Purchase of', 'at 西門店', '+1 more'],
    note: ['Note', '不吃蔥', '— '],
    task: ['Task: ', 'Open', 'due'],
    anniversary: ['Anniversary', 'Wedding noted: '],
    relation: ['Relative or friend', '小安 (not a member)'],
    call: ['Called extension 7001'],
    consent: ['Withdrew from SMS'],
    joined: ['Became a member (typed by staff)'],
  },
};

describe('the member timeline', () => {
  it('shows each kind of entry in its own way, in zh-TW, zh-CN and English', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const admin = await openPage(browser, { language: 'en' });
    try {
      await signIn(admin.page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      const api = await apiAs(admin.page, baseUrl);
      const add = async (path: string, body: unknown) => {
        const res = await api.post(path, body);
        expect(res.status(), await res.text()).toBe(200);
        return res.json();
      };
      const stores = api.session.stores as { storeId: string; name: string }[];
      const store = stores.find((s) => s.name === '西門店')!;
      const member = await add('/members', { name: `宋雨晴${suffix}`, gender: 'female' });
      const spouse = await add('/members', { name: `宋大為${suffix}`, gender: 'male' });
      const id = member.memberId as string;
      await add('/purchases', {
        memberId: id,
        storeId: store.storeId,
        lines: ['牛肉', '羊肉', '蝦滑', '豆腐', '白菜', '冬粉'].map((name) => ({
          name,
          unitPriceMinor: 10000,
        })),
      });
      await add(`/members/${id}/notes`, { body: `不吃蔥 ${suffix}` });
      await add('/tasks', {
        memberId: id,
        title: `週年前致電 ${suffix}`,
        dueAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
      });
      await add(`/members/${id}/anniversaries`, { kind: 'wedding', date: '2012-06-16' });
      await add(`/members/${id}/relations`, { kind: 'spouse', relatedMemberId: spouse.memberId });
      await add(`/members/${id}/relations`, { kind: 'child', contactName: '小安' });
      const key = await add('/api-keys', { name: `PBX ${suffix}`, permissions: ['calls.report'] });
      const phone = freshMobile(13);
      expect((await api.patch(`/members/${id}`, { phone, version: 1 })).status()).toBe(200);
      const call = await fetch(`${baseUrl}/api/calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ callerNumber: phone, extension: '7001' }),
      });
      expect(call.status).toBe(200);
      expect((await api.put(`/members/${id}/consents/sms`, { granted: false })).status()).toBe(200);

      for (const lang of ['zh-TW', 'zh-CN', 'en'] as const) {
        const { context, page } = await openPage(browser, { language: lang });
        try {
          await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.customer_manager });
          await page.goto(`${baseUrl}/admin/members/${id}`);
          await see(page.getByTestId('timeline'));
          for (const [kind, texts] of Object.entries(EXPECTED[lang])) {
            const text = await entries(page, kind);
            for (const x of texts) expect(text, `${lang} ${kind}`).toContain(x);
          }
          await entry(page, 'relation')
            .getByRole('link', { name: `宋大為${suffix}` })
            .waitFor();
          if (lang !== 'zh-CN') await screenshot(page, `admin-timeline-${lang}.png`);
        } finally {
          await context.close();
        }
      }
    } finally {
      await admin.context.close();
    }
  });

  it('adds and removes anniversaries and relatives through one kind of form (zh-TW)', async () => {
    const suffix = Date.now().toString(36).slice(-5);
    const { context, page } = await openPage(browser, { language: 'zh-TW' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.customer_manager });
      const api = await apiAs(page, baseUrl);
      const member = await (await api.post('/members', { name: `葉思妤${suffix}` })).json();
      await api.post('/members', { name: `葉承翰${suffix}` });
      await page.goto(`${baseUrl}/admin/members/${member.memberId}`);
      const tab = (name: string) => page.getByRole('tab', { name }).click();
      const form = (testId: string) => page.getByTestId(testId).locator('form');
      const rows = (testId: string) => page.getByTestId(testId).locator('.ant-table-row');
      const option = (label: string) =>
        page
          .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
          .first()
          .click();

      // An anniversary: kind, label, date.
      await tab('紀念日');
      await form('anniversaries').locator('#kind').click();
      await option('結婚紀念日');
      await form('anniversaries').locator('#label').fill('銀婚');
      await form('anniversaries').locator('#date').fill('2000-05-20');
      await form('anniversaries')
        .getByRole('button', { name: /新\s*增/ })
        .click();
      expect(await see(rows('anniversaries'))).toContain('2000/05/20');

      // A relative who is a member, found by name; the same one twice is refused with a message.
      await tab('親友');
      const spouse = async () => {
        await form('relations').locator('#kind').click();
        await option('配偶');
        await form('relations').locator('#relatedMemberId').click();
        await page.keyboard.type(`葉承翰${suffix}`);
        await option(`葉承翰${suffix}`);
      };
      const addRelation = () =>
        form('relations')
          .getByRole('button', { name: /新\s*增/ })
          .click();
      await spouse();
      await addRelation();
      await rows('relations')
        .getByRole('link', { name: `葉承翰${suffix}` })
        .waitFor();
      await spouse();
      await addRelation();
      expect(await see(page.locator('.ant-message-error'))).toContain(
        `葉承翰${suffix} 已經以這個關係記錄`,
      );
      // … and one who is not.
      await form('relations').locator('#kind').click();
      await option('子女');
      await form('relations').getByText('非會員').click();
      await form('relations').locator('#contactName').fill('小寶');
      await addRelation();
      await rows('relations').filter({ hasText: '小寶' }).waitFor();
      expect(await rows('relations').count()).toBe(2);
      await screenshot(page, 'admin-member-relations-zh-TW.png');

      // All of it is on the timeline.
      await tab('動態');
      await page.getByTestId('timeline-relation').first().waitFor();
      const story = await see(page.getByTestId('timeline'));
      expect(story).toContain('記下銀婚：2000/05/20');
      expect(story).toContain(`配偶：葉承翰${suffix}`);
      expect(story).toContain('子女：小寶（非會員）');

      // Removing asks first.
      await tab('紀念日');
      await rows('anniversaries').getByRole('button', { name: '刪除' }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /刪\s*除/ })
        .click();
      await see(page.getByTestId('anniversaries').getByText('還沒有紀念日。'));
    } finally {
      await context.close();
    }
  });
});
