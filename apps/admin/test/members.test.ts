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

const drawer = (page: Page) => page.getByRole('dialog').filter({ visible: true });
const field = (page: Page, name: string) => drawer(page).locator(`[id$="_${name}"]`).first();
const row = (page: Page, text: string) => page.locator('.ant-table-row', { hasText: text });
const menu = (page: Page, label: string) =>
  page
    .locator('.ant-layout-sider .ant-menu-item')
    .filter({ has: page.getByText(label, { exact: true }) })
    .click();
const option = (page: Page, label: string) =>
  page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();

/** Waits until the "saved" messages have gone (before a screenshot). */
const quiet = (page: Page) =>
  page.waitForFunction(() => !document.querySelector('.ant-message-notice'), null, {
    timeout: 10_000,
  });

const fullWidth = (s: string) =>
  s.replace(/[0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('members', () => {
  it('adds a member with a full-width phone, finds them by initials and another phone format, and keeps notes, tasks and custom fields (zh-TW)', async () => {
    const suffix = Date.now().toString(36).slice(-4);
    const mobile = freshMobile(); // 09xxxxxxxx
    const masked = `${mobile.slice(0, 4)}-***-${mobile.slice(7)}`;
    const { context, page } = await openPage(browser, { language: 'zh-TW' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      await choose(page, 'store-switch', '西門店');
      const api = await apiAs(page, baseUrl);

      // A custom field of type "one choice", defined in the settings page…
      const key = `spice_${suffix}`;
      await menu(page, '會員自訂欄位');
      await page.getByRole('button', { name: '新增欄位' }).click();
      await field(page, 'key').fill(key);
      await field(page, 'type').click();
      await option(page, '單選');
      await field(page, 'label_zh-TW').fill(`辣度${suffix}`);
      await field(page, 'label_zh-CN').fill(`辣度${suffix}`);
      await field(page, 'label_en').fill(`Spice ${suffix}`);
      await drawer(page).getByRole('button', { name: '新增選項' }).click();
      await field(page, 'options_0_value').fill('hot');
      await field(page, 'options_0_label').fill('大辣');
      await drawer(page)
        .getByRole('button', { name: /^儲\s*存$/ })
        .click();
      expect(await see(row(page, key))).toContain('大辣');

      // … shows in the member form, where a member is added with a full-width number.
      const name = `歐陽娜${suffix}`;
      await menu(page, '會員');
      await page.getByRole('button', { name: '新增會員' }).click();
      await field(page, 'name').fill(name);
      await field(page, 'phone').fill(
        fullWidth(`${mobile.slice(0, 4)}-${mobile.slice(4, 7)}-${mobile.slice(7)}`),
      );
      await drawer(page).getByText(`辣度${suffix}`).waitFor();
      await field(page, `custom_${key}`).click();
      await option(page, '大辣');
      await drawer(page)
        .locator('.ant-form-item', { hasText: `辣度${suffix}` })
        .getByText('大辣')
        .filter({ visible: true })
        .first()
        .waitFor();
      await field(page, 'tags').fill('愛吃辣');
      await field(page, 'tags').press('Enter');
      await drawer(page)
        .getByRole('button', { name: /^儲\s*存$/ })
        .click();
      expect(await see(page.getByTestId('member-name'))).toBe(name);
      expect(await see(page.getByTestId('member-phone'))).toBe(masked);
      expect(
        await see(page.locator('.ant-descriptions-item', { hasText: `辣度${suffix}` })),
      ).toContain('大辣');
      const memberUrl = page.url();
      const memberId = memberUrl.split('/').pop()!;

      // Search by pinyin initials, and by the phone written another way.
      await menu(page, '會員');
      const search = page.getByTestId('member-search');
      await search.fill('oyn');
      expect(await see(row(page, name))).toContain(masked);
      await search.fill(`+886 ${mobile.slice(1, 4)} ${mobile.slice(4, 7)} ${mobile.slice(7)}`);
      await page.waitForFunction((n) => {
        const rows = [...document.querySelectorAll('.ant-table-row')];
        return rows.length === 1 && rows[0]!.textContent!.includes(n);
      }, name);
      // A miss says so.
      await search.fill('zzzzqqq');
      await see(page.getByText('沒有符合的會員。'));

      // Notes with an attachment.
      await page.goto(memberUrl);
      await page.getByRole('tab', { name: '記事' }).click();
      await page.getByTestId('note-body').fill('喜歡靠窗座位，不吃香菜。');
      await page.getByRole('button', { name: '新增記事' }).click();
      const note = page.getByTestId('note').filter({ hasText: '不吃香菜' });
      await note.waitFor();
      await note.locator('input[type=file]').setInputFiles({
        name: '座位偏好.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('窗邊 12 號桌\n'),
      });
      expect(await see(note.getByTestId('attachments'))).toContain('座位偏好.txt');
      // A file type the server refuses: its message is shown.
      await note.locator('input[type=file]').setInputFiles({
        name: 'run.exe',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0xff, 0xfe]),
      });
      await page.locator('.ant-message-error').waitFor();

      // A task for this member shows in "My tasks".
      const title = `生日前一週致電 ${suffix}`;
      await page.getByRole('tab', { name: '工作' }).click();
      await page.getByRole('button', { name: '新增工作' }).click();
      await field(page, 'title').fill(title);
      await drawer(page)
        .getByRole('button', { name: /^儲\s*存$/ })
        .click();
      await see(row(page, title));
      // A purchase from the point of sale: a catalog product by SKU and a free line.
      const sale = await api.post('/purchases', {
        memberId,
        channel: 'pos',
        lines: [
          { sku: 'BF-WAGYU', unitPriceMinor: 128000 },
          { name: '手工蝦滑', quantity: 2, unitPriceMinor: 22000 },
        ],
      });
      expect(sale.status()).toBe(200);
      await page.getByRole('tab', { name: '消費記錄' }).click();
      expect(await see(row(page, '手工蝦滑'))).toContain('$1,720');
      await page.getByRole('tab', { name: '動態' }).click();
      await page.getByTestId('timeline').getByText('消費 $1,720').waitFor();
      const timeline = await see(page.getByTestId('timeline'));
      expect(timeline).toContain('喜歡靠窗座位');
      expect(timeline).toContain('消費 $1,720');
      await quiet(page);
      await screenshot(page, 'admin-member-360-zh-TW.png');

      // Someone else saves first: the stale edit is refused with the server's message.
      await page
        .getByRole('button', { name: /編\s*輯$/ })
        .first()
        .click();
      await field(page, 'address').fill('台北市萬華區漢中街 52 號');
      const current = await api.get(`/members/${memberId}`);
      expect(
        (
          await api.patch(`/members/${memberId}`, { address: '別處', version: current.version })
        ).status(),
      ).toBe(200);
      await drawer(page)
        .getByRole('button', { name: /^儲\s*存$/ })
        .click();
      expect(await see(drawer(page).getByTestId('error'))).toContain('此資料已被他人修改');

      await page.keyboard.press('Escape');
      await menu(page, '我的工作');
      expect(await see(row(page, title))).toContain(name);

      await menu(page, '會員');
      await see(row(page, name));
      await quiet(page);
      await screenshot(page, 'admin-members-zh-TW.png');
    } finally {
      await context.close();
    }
  });

  it('shows contact details to a customer manager on request, never to a customer assistant', async () => {
    const mobile = freshMobile();
    const name = `Lin ${Date.now().toString(36).slice(-4)}`;
    const manager = await openPage(browser, { language: 'en' });
    try {
      await signIn(manager.page, baseUrl, { email: DEMO_ACCOUNTS.customer_manager });
      const api = await apiAs(manager.page, baseUrl);
      const res = await api.post('/members', {
        name,
        phone: `${mobile.slice(0, 4)}-${mobile.slice(4, 7)}-${mobile.slice(7)}`,
        email: 'lin.family@example.com',
      });
      const member = await res.json();
      await manager.page.goto(`${baseUrl}/admin/members/${member.memberId}`);
      expect(await see(manager.page.getByTestId('member-phone'))).toContain('***');
      expect(await see(manager.page.getByTestId('member-email'))).not.toContain('lin.family');
      await manager.page.getByRole('button', { name: 'Show contact details' }).click();
      await manager.page
        .getByTestId('member-email')
        .filter({ hasText: 'lin.family@example.com' })
        .waitFor();
      // Revealed in the form it was masked in, and dialled by its E.164.
      const phone = manager.page.getByTestId('member-phone');
      expect(await see(phone)).toBe(
        `${mobile.slice(0, 4)}-${mobile.slice(4, 7)}-${mobile.slice(7)}`,
      );
      expect(await phone.locator('a').getAttribute('href')).toBe(`tel:+886${mobile.slice(1)}`);
      // The customer manager may erase, and export the list.
      await see(manager.page.getByRole('button', { name: 'Erase' }));
      await manager.page.getByText('Members', { exact: true }).first().click();
      await see(manager.page.getByRole('button', { name: 'Export' }));

      // Caller ID: the number in another format brings up the card.
      await manager.page.goto(`${baseUrl}/admin/caller-id`);
      await manager.page
        .getByTestId('caller-id-phone')
        .locator('input')
        .fill(`+886 ${mobile.slice(1, 4)} ${mobile.slice(4, 7)} ${mobile.slice(7)}`);
      await manager.page.getByRole('button', { name: 'Look up' }).click();
      expect(await see(manager.page.getByTestId('caller-card'))).toContain(
        member.cardNumber.slice(0, 4),
      );
      await manager.page.getByTestId('caller-id-phone').locator('input').fill('0900-000-001');
      await manager.page.getByRole('button', { name: 'Look up' }).click();
      await see(manager.page.getByTestId('caller-stranger'));

      // Two cards for the same person (same name and birthday) are merged into one.
      const twin = `Cheng ${Date.now().toString(36).slice(-5)}`;
      for (let i = 0; i < 2; i++)
        expect((await api.post('/members', { name: twin, birthday: '1990-02-14' })).status()).toBe(
          200,
        );
      await manager.page.goto(`${baseUrl}/admin/duplicates`);
      await manager.page
        .locator('.ant-segmented-item', { hasText: 'Same name and birthday' })
        .click();
      const group = manager.page.getByTestId('duplicate-group').filter({ hasText: twin });
      await group.getByRole('button', { name: 'Merge into the one kept' }).click();
      await manager.page.getByRole('dialog').getByRole('button', { name: 'Merge' }).click();
      await see(manager.page.getByText(`Merged into ${twin}`));
      await group.waitFor({ state: 'detached' });

      const assistant = await openPage(browser, { language: 'zh-CN' });
      try {
        await signIn(assistant.page, baseUrl, { email: DEMO_ACCOUNTS.customer_assistant });
        await assistant.page.goto(`${baseUrl}/admin/members/${member.memberId}`);
        expect(await see(assistant.page.getByTestId('member-phone'))).toContain('***');
        await see(assistant.page.getByRole('button', { name: /编\s*辑/ }));
        expect(await assistant.page.getByTestId('reveal-contacts').count()).toBe(0);
        expect(await assistant.page.getByRole('button', { name: '清除资料' }).count()).toBe(0);
        await assistant.page.goto(`${baseUrl}/admin/members`);
        await see(assistant.page.getByRole('button', { name: '新增会员' }));
        expect(await assistant.page.getByRole('button', { name: /导\s*出/ }).count()).toBe(0);
      } finally {
        await assistant.context.close();
      }
    } finally {
      await manager.context.close();
    }
  });

  it('builds the product catalog: a category, then a product in it (en)', async () => {
    const suffix = Date.now().toString(36).slice(-4);
    const { context, page } = await openPage(browser, { language: 'en' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      await menu(page, 'Products');
      await page.getByTestId('add-category').click();
      await field(page, 'name').fill(`Seafood ${suffix}`);
      await drawer(page).getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('category-tree').getByText(`Seafood ${suffix}`).waitFor();

      await page.getByRole('button', { name: 'Add product' }).click();
      await field(page, 'sku').fill(`SHRIMP-${suffix}`);
      await field(page, 'name').fill('Hand-made shrimp paste');
      await field(page, 'price').fill('220');
      await drawer(page).getByRole('button', { name: 'Save' }).click();
      const product = await see(row(page, `SHRIMP-${suffix}`));
      expect(product).toContain('Hand-made shrimp paste');
      expect(product).toContain(`Seafood ${suffix}`);
      expect(product).toMatch(/NT\$220(?!\.)/);

      await page.getByTestId('category-tree').getByText('All products').click();
      await page.waitForFunction(() => document.querySelectorAll('.ant-table-row').length > 1);
      await quiet(page);
      await screenshot(page, 'admin-products-en.png');
    } finally {
      await context.close();
    }
  });

  it('imports members from a CSV: suggested mapping, dry run, then the import, with rejected rows explained (zh-CN)', async () => {
    const suffix = Date.now().toString(36).slice(-4);
    const a = freshMobile();
    const b = freshMobile(7919);
    const csv = `姓名,手机,生日\n赵敏${suffix},${a},1987/5/12\n周芷若${suffix},${b},1976-05-12\n张无忌${suffix},12345,1980-01-01\n`;
    const { context, page } = await openPage(browser, { language: 'zh-CN' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      await menu(page, '导入数据');
      await page.locator('.ant-upload-drag input[type=file]').setInputFiles({
        name: `会员-${suffix}.csv`,
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      const run = page.getByTestId('import-run');
      expect(await see(run)).toContain(`赵敏${suffix}`);
      await run.getByRole('button', { name: /试\s*算/ }).click();
      await see(run.getByText('试算：这是导入后会发生的结果'));
      await run
        .getByTestId('import-counts')
        .filter({ hasText: /拒绝\s*1/ })
        .waitFor({ timeout: 40_000 }); // jobs share the queue with the demo's sample data
      await run.getByRole('button', { name: '开始导入' }).click();
      await run
        .getByTestId('import-counts')
        .filter({ hasText: /新增\s*2/ })
        .waitFor({ timeout: 40_000 });
      expect(await see(run.locator('.ant-table-row', { hasText: '12345' }))).toContain('手机');

      await menu(page, '会员');
      await page.getByTestId('member-search').fill(b);
      expect(await see(row(page, `周芷若${suffix}`))).toContain(
        `${b.slice(0, 4)}-***-${b.slice(7)}`,
      );
    } finally {
      await context.close();
    }
  }, 120_000);

  it('imports members, products and purchases of them, chosen in the import wizard (zh-TW)', async () => {
    const suffix = Date.now().toString(36).slice(-4);
    const phone = freshMobile();
    const { context, page } = await openPage(browser, { language: 'zh-TW' });
    const importAs = async (kind: string, name: string, text: string, added: RegExp) => {
      await page.getByTestId('import-kind').getByText(kind, { exact: true }).click();
      await page.locator('.ant-upload-drag input[type=file]').setInputFiles({
        name,
        mimeType: 'text/csv',
        buffer: Buffer.from(text),
      });
      const run = page.getByTestId('import-run');
      await run.getByRole('button', { name: '開始匯入' }).click();
      await run
        .getByTestId('import-counts')
        .filter({ hasText: added })
        .waitFor({ timeout: 40_000 }); // jobs share the queue with the demo's sample data
      await run.getByRole('button', { name: /關\s*閉/ }).click();
    };
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      await menu(page, '匯入資料');
      await importAs('會員', 'm.csv', `姓名,手機\n測試${suffix},${phone}\n`, /新增\s*1/);
      await importAs(
        '商品',
        'p.csv',
        `貨號,品名,售價,分類\nT${suffix}-1,測試鍋底,380,測試/${suffix}\nT${suffix}-2,測試丸,120,測試/${suffix}\n`,
        /新增\s*2/,
      );
      await importAs(
        '消費紀錄',
        'o.csv',
        `單號,手機,日期,貨號,數量,單價\nO${suffix},${phone},2024/5/12 19:05,T${suffix}-1,2,380\n` +
          `O${suffix},${phone},2024/5/12 19:05,T${suffix}-2,1,120\n`,
        /新增\s*1/,
      );
      const history = await see(page.locator('.ant-table-row', { hasText: 'o.csv' }).first());
      expect(history).toContain('消費紀錄');
    } finally {
      await context.close();
    }
  }, 180_000);
});
