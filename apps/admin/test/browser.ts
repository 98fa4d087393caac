import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import type { Language } from '@regulars/contracts';

/**
 * Screenshots are always taken; they replace the ones the docs show (docs/images) only when
 * UPDATE_SCREENSHOTS=1, so an ordinary test run leaves the working tree clean.
 */
const IMAGES =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? resolve(import.meta.dirname, '../../../docs/images')
    : join(tmpdir(), 'regulars-screenshots');

export const DEMO_PASSWORD = 'regulars-demo';
export const DEMO_ACCOUNTS = {
  admin: 'admin@hotpot.demo',
  customer_manager: 'crm@hotpot.demo',
  marketing_manager: 'marketing@hotpot.demo',
  customer_assistant: 'assistant@hotpot.demo',
} as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A fresh browser profile at 1280×800: `locale` is what the browser asks for; `language`, when
 * given, is a choice already remembered by the console.
 */
export async function openPage(
  browser: Browser,
  opts: { locale?: string; language?: Language } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: opts.locale ?? 'en-US',
    timezoneId: 'Asia/Taipei',
  });
  if (opts.language) {
    await context.addInitScript((lang) => {
      if (!localStorage.getItem('regulars.admin.language'))
        localStorage.setItem('regulars.admin.language', lang);
    }, opts.language);
  }
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the form and waits for the console. */
export async function signIn(
  page: Page,
  baseUrl: string,
  account: { businessCode?: string; email: string; password?: string },
): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  await fillSignIn(page, account);
  await page.getByTestId('user-menu').waitFor();
}

export async function fillSignIn(
  page: Page,
  account: { businessCode?: string; email: string; password?: string },
): Promise<void> {
  await page.locator('#businessCode').fill(account.businessCode ?? 'hotpot');
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password ?? DEMO_PASSWORD);
  await page.locator('form button[type=submit]').click();
}

/** Waits until `locator` is visible and returns its text. */
export async function see(locator: Locator): Promise<string> {
  await locator.first().waitFor({ state: 'visible' });
  return (await locator.first().innerText()).trim();
}

/** The names in the side menu, top to bottom. */
export async function menuItems(page: Page): Promise<string[]> {
  const items = page.locator('.ant-layout-sider .ant-menu-item');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((s) => s.trim());
}

/** Chooses `label` in an antd Select found by its test id. */
export async function choose(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}

/** The API as the signed-in page: same cookie, with the session's CSRF token on writes. */
export async function apiAs(page: Page, baseUrl: string) {
  const session = await (await page.request.get(`${baseUrl}/api/auth/session`)).json();
  const headers = { 'x-csrf-token': session.csrfToken as string };
  return {
    session,
    get: async (path: string) => (await page.request.get(`${baseUrl}/api${path}`)).json(),
    put: async (path: string, data: unknown) =>
      page.request.put(`${baseUrl}/api${path}`, { headers, data }),
    post: async (path: string, data: unknown) =>
      page.request.post(`${baseUrl}/api${path}`, { headers, data }),
    patch: async (path: string, data: unknown) =>
      page.request.patch(`${baseUrl}/api${path}`, { headers, data }),
  };
}

/** A screenshot of the page from its top, or (`from`) scrolled to where that element starts. */
export async function screenshot(
  page: Page,
  name: string,
  opts: { from?: Locator } = {},
): Promise<void> {
  await mkdir(IMAGES, { recursive: true });
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  if (opts.from) await opts.from.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(400); // let animations (drawers, messages, focus rings) settle
  await page.screenshot({ path: join(IMAGES, name), type: name.endsWith('.jpg') ? 'jpeg' : 'png' });
}

/**
 * Opens a tab by its name, also when the tab bar has folded it into its overflow menu (Member 360
 * has more tabs than a laptop-width bar shows).
 */
export const openTab = (page: Page, name: string) =>
  page.getByRole('tab', { name }).evaluate((el) => (el as HTMLElement).click());

/**
 * A Taiwan mobile number no other test uses: 09 and eight digits, the first of them 0–8 (a
 * number starting 099 is not a valid mobile). Distinct for `offset`s within a day.
 */
export function freshMobile(offset = 0): string {
  return `09${String((Date.now() + offset) % 9e7).padStart(8, '0')}`;
}
