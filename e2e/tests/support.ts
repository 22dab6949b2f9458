import path from 'node:path';
import { expect, test as base, type Browser, type Page } from '@playwright/test';
import { appUrls, RESULTS_DIR } from '../setup/e2e-env';

export { appUrls, expect };

/**
 * Playwright's `test`, failing any test whose page threw an uncaught error (a crash users may not
 * see), and closing every browser context a test opened when it ends: an operator's desk left open
 * would stay 受付可 and take the next test's calls.
 */
export const test = base.extend<{ closeContexts: void }>({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
  closeContexts: [
    async ({ browser }, use) => {
      await use();
      for (const context of browser.contexts()) await context.close().catch(() => undefined);
    },
    { auto: true },
  ],
});

/** The demo users from apps/api/src/modules/accounts/accounts.seed.ts. */
export const demo = {
  owner: { email: 'owner@example.com', password: 'demo-owner-2026', name: '山田 太郎' },
  operator: { email: 'operator@example.com', password: 'demo-operator-2026', name: '佐藤 花子' },
} as const;

/** An address no one has used yet (one per call). */
export function uniqueEmail(label: string): string {
  return `e2e-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.jp`;
}

/** For humans looking at a run: not compared with anything. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

/** The link in the newest mail the SMTP sink caught for `to` (polls until it arrives). */
export async function linkFromMail(to: string, pathPart: string, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await fetch(`${appUrls().mail}/api/messages?to=${encodeURIComponent(to)}`);
    const body = (await res.json()) as { text: string }[] | { messages: { text: string }[] };
    const messages = Array.isArray(body) ? body : body.messages;
    const link = messages
      .map((m) => new RegExp(`https?://\\S*${pathPart}\\S*`).exec(m.text)?.[0])
      .find(Boolean);
    if (link) return link;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} with a ${pathPart} link within ${timeoutMs} ms`);
}

/** Demo staff and the active demo customer (issued 03-4500-0001 by the seed). */
export const staff = {
  admin: { email: 'admin@example.com', password: 'demo-admin-2026' },
  operator: { email: 'operator@example.com', password: 'demo-operator-2026' },
} as const;
export const activeCustomer = { email: 'active@example.com', password: 'demo-active-2026' } as const;
export const ACTIVE_CUSTOMER_NUMBER = '03-4500-0001';

/** Calls queue only within reception hours: open every day, all day, whenever CI runs. */
export async function openReceptionAllDay(): Promise<void> {
  const api = appUrls().api;
  const login = await fetch(`${api}/api/v1/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(staff.admin),
  });
  expect(login.status).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(`${api}/api/v1/admin/reception-schedule`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' })),
      closedDates: [],
      closedOnPublicHolidays: false,
      closedYearEnd: false,
    }),
  });
  expect(res.status).toBe(200);
}

/** A fresh browser context logged in to the web app or the console at `url`. */
export async function logIn(
  browser: Browser,
  url: string,
  who: { email: string; password: string },
): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('メールアドレス', { exact: true }).fill(who.email);
  await page.getByLabel('パスワード', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByRole('group', { name: /ログイン中/ })).toBeVisible();
  return page;
}

/** A caller rings `to` through the Twilio fake (the carrier): the voice webhook reaches the API. */
export async function placeCall(to: string, from: string): Promise<string> {
  const res = await fetch(`${appUrls().twilio}/_fake/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { sid: string }).sid;
}

/** The caller hangs up (at the Twilio fake). */
export async function hangUpCaller(callSid: string): Promise<void> {
  await fetch(`${appUrls().twilio}/_fake/calls/${callSid}/hangup`, { method: 'POST' });
}

/** The operator's desk (着信): softphone registered and 受付可, so the next call rings here. */
export async function openDesk(desk: Page): Promise<void> {
  await desk.goto(`${appUrls().console}/calls`);
  await expect(desk.getByTestId('softphone-status')).toContainText('登録済み');
  const available = desk.getByTestId('desk-status-available');
  if ((await available.getAttribute('aria-pressed')) !== 'true') await available.click();
  await expect(available).toHaveAttribute('aria-pressed', 'true');
  // Really free: an earlier test may have left this operator in wrap-up (8 s in the browser tests).
  await expect(desk.getByTestId('desk-status')).toHaveText('受付可', { timeout: 20_000 });
}

/** The desk rings: the operator answers with the keyboard, as they would all day. */
export async function answerOnDesk(desk: Page): Promise<void> {
  await expect(desk.getByTestId('call-answer')).toBeEnabled({ timeout: 15_000 });
  await desk.keyboard.press('Space');
  await expect(desk.getByTestId('call-timer')).toBeVisible();
}

/**
 * In the console (logged in as an operator): a caller rings the active demo customer's number
 * through the Twilio fake, the operator answers on the desk, hangs up, and records a 折り返し必要
 * inquiry in wrap-up.
 */
export async function recordCallbackInquiry(desk: Page, callerName: string, callerNumber = '090-2222-3333') {
  await openDesk(desk);
  await placeCall(ACTIVE_CUSTOMER_NUMBER, callerNumber);
  await answerOnDesk(desk);
  await expect(desk.getByTestId('customer-name')).toContainText('株式会社デモ物産');
  await desk.getByTestId('call-hang-up').click();
  await expect(desk.getByTestId('wrap-up-timer')).toBeVisible();
  const form = desk.getByRole('form', { name: '問い合わせの記録' });
  await form.getByLabel('お名前').fill(callerName);
  await form.getByLabel('会社名').fill('株式会社テスト');
  await form.getByLabel('ご用件の相手').fill('田中');
  await form.getByRole('radio', { name: '要', exact: true }).check();
  await expect(form.getByLabel('折り返し先')).toHaveValue(new RegExp(callerNumber.replace(/-/g, '.?')));
  await form.getByLabel('内容').fill('見積もりの件でお電話ください。');
  await desk.getByTestId('inquiry-save').click();
  await expect(desk.getByText(`${callerName} 様からのお問い合わせを記録しました。`)).toBeVisible();
  await expect(desk.getByTestId('desk-status')).toContainText('受付可');
}
