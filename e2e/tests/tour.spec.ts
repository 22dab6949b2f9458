import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import {
  activeCustomer,
  appUrls,
  demo,
  expect,
  logIn,
  openReceptionAllDay,
  recordCallbackInquiry,
  staff,
  test,
} from './support';

// Every page of both apps, as a person sees it: at 1366×900 (a common office laptop) and every
// customer page at 390×844 (a phone; a customer opens an inquiry from the notification mail).
// Each page must not scroll sideways (the page or any of its navigations), and axe must find no
// serious or critical accessibility violation. Screenshots go to e2e/screenshots/ (gitignored).

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

type Stop = { name: string; path: string };

const README_SHOTS = new Set(['web-1366-inquiries', 'web-390-inquiry', 'console-1366-schedule']);

/** Wide elements that scroll sideways: the page itself, then each navigation. */
async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`page: ${root.scrollWidth} > ${root.clientWidth}`);
    document.querySelectorAll('nav').forEach((nav) => {
      // The navigation itself and anything inside it that could scroll sideways on its own.
      for (const element of [nav, ...nav.querySelectorAll<HTMLElement>('*')]) {
        if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth) {
          found.push(
            `nav "${nav.getAttribute('aria-label') ?? ''}": ${element.scrollWidth} > ${element.clientWidth}`,
          );
          break;
        }
      }
    });
    return found;
  });
}

/** Visits one page and returns what is wrong with it (nothing, when it is fine). */
async function visit(page: Page, base: string, stop: Stop, label: string): Promise<string[]> {
  await page.goto(`${base}${stop.path}`);
  await expect(page.locator('h1').first()).toBeVisible();
  // Let queries settle (spinners gone) before measuring and looking.
  await expect(page.locator('.spinner')).toHaveCount(0, { timeout: 10_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${label}-${stop.name}.png`), fullPage: true });
  // Small, viewport-sized copies of a few pages for the README (copied to docs/screenshots by hand).
  if (README_SHOTS.has(`${label}-${stop.name}`)) {
    await page.screenshot({ path: path.join(SCREENSHOTS, `readme-${label}-${stop.name}.png`) });
  }
  const problems = (await horizontalOverflow(page)).map((found) => `scrolls sideways: ${found}`);
  const axe = await new AxeBuilder({ page }).analyze();
  for (const violation of axe.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    const where = violation.nodes
      .map((node) => node.target.join(' '))
      .slice(0, 4)
      .join(' | ');
    problems.push(`axe ${violation.impact} ${violation.id} (${violation.help}): ${where}`);
  }
  return problems;
}

/** Visits every stop; collects every problem so one run shows them all. */
async function tour(page: Page, base: string, stops: Stop[], label: string): Promise<string[]> {
  const failures: string[] = [];
  for (const stop of stops) {
    await test.step(`${label} ${stop.path}`, async () => {
      try {
        const problems = await visit(page, base, stop, label);
        failures.push(...problems.map((problem) => `${label} ${stop.path}: ${problem}`));
      } catch (error) {
        failures.push(`${label} ${stop.path}: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`);
      }
    });
  }
  return failures;
}

async function loggedIn(
  browser: Browser,
  url: string,
  who: { email: string; password: string },
  viewport = DESKTOP,
) {
  const page = await logIn(browser, url, who);
  await page.setViewportSize(viewport);
  return page;
}

const web = () => appUrls().web;
const consoleUrl = () => appUrls().console;

const publicWebPages: Stop[] = [
  { name: 'login', path: '/login' },
  { name: 'signup', path: '/signup' },
  { name: 'pricing', path: '/pricing' },
  { name: 'guide', path: '/guide' },
  { name: 'privacy', path: '/privacy' },
  { name: 'confirm-email', path: '/confirm-email?token=not-a-real-token' },
  { name: 'invitation', path: '/invitation?token=not-a-real-token' },
  { name: 'notification-email-confirm', path: '/notification-email/confirm?token=not-a-real-token' },
  { name: 'mark-handled-link', path: '/links/mark-handled#not-a-real-token' },
  { name: 'not-found', path: '/no-such-page' },
];

const customerPages = (inquiryId: string, invoiceId: string): Stop[] => [
  { name: 'home', path: '/' },
  { name: 'inquiries', path: '/inquiries' },
  { name: 'inquiry', path: `/inquiries/${inquiryId}` },
  { name: 'contacts', path: '/contacts' },
  { name: 'memo', path: '/memo' },
  { name: 'blocklist', path: '/blocklist' },
  { name: 'number', path: '/number' },
  { name: 'documents', path: '/documents' },
  { name: 'card', path: '/card' },
  { name: 'billing', path: '/billing' },
  { name: 'invoices', path: '/billing/invoices' },
  // Issue 17: the page a payment needing 3-D Secure links to (here an invoice already paid).
  { name: 'invoice-authenticate', path: `/billing/invoices/${invoiceId}/authenticate` },
  { name: 'notifications', path: '/notifications' },
  { name: 'integrations', path: '/integrations' },
  { name: 'team', path: '/team' },
  { name: 'api-keys', path: '/api-keys' },
  { name: 'account', path: '/account' },
];

const onboardingPages: Stop[] = [
  { name: 'home', path: '/' },
  { name: 'documents', path: '/documents' },
  { name: 'card', path: '/card' },
  { name: 'billing', path: '/billing' },
];

async function adminToken(): Promise<string> {
  const res = await fetch(`${appUrls().api}/api/v1/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(staff.admin),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function accountIdOf(email: string): Promise<string> {
  const res = await fetch(`${appUrls().api}/api/v1/admin/accounts?q=${encodeURIComponent(email)}`, {
    headers: { authorization: `Bearer ${await adminToken()}` },
  });
  const body = (await res.json()) as { items: { id: string }[] };
  return body.items[0].id;
}

async function firstInvoiceId(email: string): Promise<string> {
  const accountId = await accountIdOf(email);
  let id: string | undefined;
  // The worker issues the first invoice shortly after the stack starts.
  await expect
    .poll(
      async () => {
        const res = await fetch(`${appUrls().api}/api/v1/admin/accounts/${accountId}/invoices`, {
          headers: { authorization: `Bearer ${await adminToken()}` },
        });
        id = ((await res.json()) as { items: { id: string }[] }).items[0]?.id;
        return id;
      },
      { timeout: 30_000 },
    )
    .toBeTruthy();
  return id!;
}

async function newestInquiryId(page: Page): Promise<string> {
  await page.goto(`${web()}/inquiries`);
  const link = page.locator('a[href^="/inquiries/"]').first();
  const href = await link.getAttribute('href');
  return href!.split('/').pop()!;
}

const consolePages = (accountId: string): Stop[] => [
  { name: 'home', path: '/' },
  { name: 'desk', path: '/calls' },
  { name: 'schedule', path: '/calls/schedule' },
  { name: 'simulator', path: '/calls/simulator' },
  { name: 'unrecorded-calls', path: '/unrecorded-calls' },
  { name: 'accounts', path: '/accounts' },
  { name: 'account', path: `/accounts/${accountId}` },
  { name: 'account-invoices', path: `/accounts/${accountId}/invoices` },
  { name: 'verification', path: '/verification' },
  { name: 'account-documents', path: `/verification/accounts/${accountId}` },
  { name: 'memo-reviews', path: '/memo-reviews' },
  { name: 'numbers', path: '/numbers' },
  { name: 'catalogue', path: '/catalogue' },
  { name: 'queues', path: '/queues' },
  { name: 'billing-runs', path: '/billing/runs' },
  { name: 'wallboard', path: '/wallboard' },
  { name: 'not-found', path: '/no-such-page' },
];

test.describe('page tour', () => {
  test.describe.configure({ timeout: 240_000 });

  test.beforeAll(async ({ browser }) => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    test.setTimeout(120_000);
    // One real inquiry, so the list and the detail page show what customers see.
    await openReceptionAllDay();
    const desk = await logIn(browser, consoleUrl(), staff.operator);
    await recordCallbackInquiry(desk, '見本 花子', '090-1234-5678');
    await desk.context().close();
  });

  test('the customer app, logged out, at 1366×900 and 390×844', async ({ browser }) => {
    const failures: string[] = [];
    for (const [viewport, label] of [
      [DESKTOP, 'web-public-1366'],
      [PHONE, 'web-public-390'],
    ] as const) {
      const page = await (await browser.newContext({ viewport })).newPage();
      failures.push(...(await tour(page, web(), publicWebPages, label)));
      await page.context().close();
    }
    expect(failures).toEqual([]);
  });

  test('the active customer’s pages at 1366×900 and 390×844', async ({ browser }) => {
    const page = await loggedIn(browser, web(), activeCustomer);
    const inquiryId = await newestInquiryId(page);
    const invoiceId = await firstInvoiceId(activeCustomer.email);
    const failures = await tour(page, web(), customerPages(inquiryId, invoiceId), 'web-1366');
    await page.setViewportSize(PHONE);
    failures.push(...(await tour(page, web(), customerPages(inquiryId, invoiceId), 'web-390')));
    expect(failures).toEqual([]);
  });

  test('an onboarding customer’s pages at 1366×900 and 390×844', async ({ browser }) => {
    const page = await loggedIn(browser, web(), demo.owner);
    const failures = await tour(page, web(), onboardingPages, 'web-onboarding-1366');
    await page.setViewportSize(PHONE);
    failures.push(...(await tour(page, web(), onboardingPages, 'web-onboarding-390')));
    expect(failures).toEqual([]);
  });

  test('the console at 1366×900 (admin) and 1280×800 (operator)', async ({ browser }) => {
    const accountId = await accountIdOf(activeCustomer.email);
    const login = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    const failures = await tour(login, consoleUrl(), [{ name: 'login', path: '/login' }], 'console-1366');
    await login.context().close();

    const admin = await loggedIn(browser, consoleUrl(), staff.admin);
    failures.push(...(await tour(admin, consoleUrl(), consolePages(accountId), 'console-1366')));
    await admin.context().close();

    const operator = await loggedIn(browser, consoleUrl(), staff.operator, { width: 1280, height: 800 });
    const operatorPages = consolePages(accountId).filter(
      (stop) => !['/wallboard', '/queues'].includes(stop.path),
    );
    failures.push(...(await tour(operator, consoleUrl(), operatorPages, 'console-operator-1280')));
    expect(failures).toEqual([]);
  });
});

// Keyboard only: a customer logs in, moves through the navigation and opens a page without a
// mouse, and every focused control shows where the focus is. On a phone the menu opens by keyboard.
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return false;
    const style = getComputedStyle(element);
    return (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none';
  });
}

test('keyboard only: log in, move through the navigation, open a page; focus always visible', async ({
  browser,
}) => {
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await page.goto(`${web()}/login`);
  await page.getByLabel('メールアドレス', { exact: true }).focus();
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.type(activeCustomer.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('パスワード', { exact: true })).toBeFocused();
  await page.keyboard.type(activeCustomer.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: /ログイン中/ })).toBeVisible();

  // After a page change the focus is on the new page's content …
  await expect(page.locator('main')).toBeFocused();

  // … and Shift+Tab goes back through the navigation, every stop showing its focus.
  const nav = page.getByRole('navigation', { name: 'マイページ' });
  const target = nav.getByRole('link', { name: 'お問い合わせ' });
  for (let i = 0; i < 20; i += 1) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusIsVisible(page), `focus visible at stop ${i + 1}`).toBe(true);
    if (await target.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(nav.getByRole('link', { name: 'お問い合わせ' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'お問い合わせ' })).toBeVisible();

  // An inquiry opens from the keyboard too (its caller's name is the row's link).
  const firstInquiry = page.locator('a.row-link').first();
  await firstInquiry.focus();
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/inquiries\/[0-9a-f-]+$/);
  // The inquiry's page is loaded on demand; once it is there the focus moves to its content (a
  // focus taken before that would be moved away by the page change).
  await expect(page.getByText('読み込み中…')).toHaveCount(0);
  await expect(page.locator('main')).toBeFocused();

  // On a phone the navigation sits behind the menu button, which opens with Enter.
  await page.setViewportSize(PHONE);
  await expect(nav).toBeHidden();
  const menu = page.getByRole('button', { name: 'メニュー' });
  await expect(menu).toBeVisible();
  await menu.focus();
  await expect(menu).toBeFocused();
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(nav).toBeVisible();
  await nav.getByRole('link', { name: 'ダッシュボード' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(nav).toBeHidden(); // the menu closes on a page change
});
