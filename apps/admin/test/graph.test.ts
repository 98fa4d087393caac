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

const rows = (page: Page) => page.getByTestId('influence-table').locator('.ant-table-row');
const menu = (page: Page, label: string) =>
  page
    .locator('.ant-layout-sider .ant-menu-item')
    .filter({ has: page.getByText(label, { exact: true }) })
    .click();

/** The centrality shares (percent) of the rows, top to bottom. */
async function shares(page: Page): Promise<number[]> {
  return (await page.getByTestId('influence-share').allInnerTexts()).map((t) => parseFloat(t));
}

/** How many pixels of the graph's canvas are painted (the chart drew something). */
async function paintedPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=graph-chart] canvas');
    if (!canvas) return 0;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

describe('relationship graph and influence centers', () => {
  it('ranks members by the people they brought in, then shows the top one’s graph (zh-TW)', async () => {
    const { context, page } = await openPage(browser, { language: 'zh-TW' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.admin });
      // The demo business writes its members' relations in the background for a while.
      const api = await apiAs(page, baseUrl);
      await expect
        .poll(async () => (await api.get('/members/influence?limit=3')).length, {
          timeout: 90_000,
          interval: 1000,
        })
        .toBe(3);
      await menu(page, '影響力中心');
      await see(page.locator('main h3', { hasText: '影響力中心' }));
      const table = page.getByTestId('influence-table');
      for (const header of ['排名', '直接', '第 2 層', '合計', '中心度（PageRank）'])
        await see(table.locator('th', { hasText: header }));
      await rows(page).nth(2).waitFor();
      // Ranked by total brought in: non-increasing, the first brought in someone.
      const totals = (await page.getByTestId('influence-total').allInnerTexts()).map(Number);
      expect(totals[0]).toBeGreaterThan(0);
      expect([...totals].sort((a, b) => b - a)).toEqual(totals);
      const top = await see(rows(page).first().locator('a'));
      await screenshot(page, 'admin-influence-zh-TW.png');

      // By centrality: the shares are in order instead.
      await page.getByTestId('influence-by').getByText('中心度').click();
      await page.waitForFunction(() => {
        const cells = [...document.querySelectorAll('[data-testid=influence-share]')];
        const v = cells.map((c) => parseFloat(c.textContent ?? ''));
        return v.length > 2 && v.every((x, i) => i === 0 || x <= v[i - 1]!) && v[0]! > v.at(-1)!;
      });
      const s = await shares(page);
      expect([...s].sort((a, b) => b - a)).toEqual(s);
      await page.getByTestId('influence-by').getByText('帶來人數').click();
      await page.getByTestId('influence-table').getByRole('link', { name: top }).first().click();

      // The member's graph: centre, legend, the kinds of relation, a painted canvas.
      expect(await see(page.getByTestId('member-name'))).toBe(top);
      await openTab(page, '人脈關係圖');
      const legend = await see(page.getByTestId('graph-legend'));
      for (const label of ['本會員', '會員', '非會員', '箭頭指向介紹人'])
        expect(legend).toContain(label);
      expect(await see(page.getByTestId('graph-kinds'))).toContain('介紹人');
      expect(await see(page.getByTestId('graph-count'))).toMatch(/\d+ 人，\d+ 條關係/);
      await page.getByRole('img', { name: `${top} 的人脈關係圖` }).waitFor();
      await expect.poll(() => paintedPixels(page), { timeout: 10_000 }).toBeGreaterThan(2000);

      // Fewer steps, fewer people.
      const people = async () =>
        Number(/(\d+) 人/.exec(await see(page.getByTestId('graph-count')))![1]);
      const atTwo = await people();
      await page.getByTestId('graph-depth').getByText('1 層').click();
      await expect.poll(people).toBeLessThan(atTwo);
      await page.getByTestId('graph-depth').getByText('2 層').click();
      await expect.poll(people).toBe(atTwo);
      await page.waitForTimeout(2500); // let the force layout settle
      await screenshot(page, 'admin-graph-zh-TW.png', { from: page.locator('.ant-tabs').first() });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('lets a customer assistant rank by centrality and open a member’s graph (en)', async () => {
    const { context, page } = await openPage(browser, { language: 'en' });
    try {
      await signIn(page, baseUrl, { email: DEMO_ACCOUNTS.customer_assistant });
      await menu(page, 'Influence centers');
      await page.getByTestId('influence-by').getByText('Centrality', { exact: true }).click();
      await page.waitForFunction(() => {
        const cells = [...document.querySelectorAll('[data-testid=influence-share]')];
        const v = cells.map((c) => parseFloat(c.textContent ?? ''));
        return v.length > 2 && v.every((x, i) => i === 0 || x <= v[i - 1]!);
      });
      const first = await see(rows(page).first().locator('a'));
      expect(await see(rows(page).first())).toMatch(/\d\.\d\d%/);
      await rows(page).first().locator('a').click();
      expect(await see(page.getByTestId('member-name'))).toBe(first);
      await openTab(page, 'Relationship graph');
      const legend = await see(page.getByTestId('graph-legend'));
      for (const label of ['This member', 'Not a member', 'Arrow points to who introduced them'])
        expect(legend).toContain(label);
      expect(await see(page.getByTestId('graph-count'))).toMatch(/\d+ people, \d+ relations/);
      await see(page.getByText('Click a member to open their page', { exact: false }));
      await expect.poll(() => paintedPixels(page), { timeout: 10_000 }).toBeGreaterThan(2000);
    } finally {
      await context.close();
    }
  });
});
