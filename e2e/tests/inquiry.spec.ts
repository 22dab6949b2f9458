import type { Browser, Page } from '@playwright/test';
import { appUrls, expect, saveScreenshot, test } from './support';

// A call from ring to done (R3.3, R3.4, R4.1, R4.3): the simulator rings the active demo
// customer's number through the signed webhook, an operator claims the call and records a
// 折り返し必要 inquiry; the customer sees it on the dashboard, marks it 対応済み and sees it greyed.

const web = () => appUrls().web;
const consoleUrl = () => appUrls().console;
const admin = { email: 'admin@example.com', password: 'demo-admin-2026' };
const operator = { email: 'operator@example.com', password: 'demo-operator-2026' };
const customer = { email: 'active@example.com', password: 'demo-active-2026' };
/** Issued to the active demo customer by the seed. */
const CUSTOMER_NUMBER = '03-4500-0001';

/** Calls queue only within reception hours: open every day, all day, whenever CI runs. */
async function openAllDay(): Promise<void> {
  const api = appUrls().api;
  const login = await fetch(`${api}/api/v1/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
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

async function logIn(browser: Browser, url: string, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('メールアドレス', { exact: true }).fill(who.email);
  await page.getByLabel('パスワード', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByRole('group', { name: /ログイン中/ })).toBeVisible();
  return page;
}

test('a simulated call is claimed, recorded as 折り返し必要, and handled by the customer', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await openAllDay();
  const callerName = `小林 ${Date.now().toString(36)}`;

  // 1. The operator rings the customer's number with the simulator; the call appears live.
  const desk = await logIn(browser, consoleUrl(), operator);
  await desk.goto(`${consoleUrl()}/calls`);
  await expect(desk.getByText('リアルタイム表示中')).toBeVisible();
  await desk.getByLabel('着信させる番号').selectOption({ label: CUSTOMER_NUMBER });
  await desk.getByLabel('発信者番号').fill('090-2222-3333');
  await desk.getByRole('button', { name: '着信させる' }).click();
  const waiting = desk
    .getByRole('row')
    .filter({ hasText: '090-2222-3333' })
    .filter({ hasText: CUSTOMER_NUMBER });
  await expect(waiting.first()).toBeVisible();

  // 2. Claim it: the screen pop shows the customer; record the inquiry.
  await waiting.first().getByRole('button', { name: '応答する' }).click();
  await expect(desk.getByText('株式会社デモ物産 の着信')).toBeVisible();
  const form = desk.getByRole('form', { name: '問い合わせの記録' });
  await form.getByLabel('お名前').fill(callerName);
  await form.getByLabel('会社名').fill('株式会社テスト');
  await form.getByLabel('ご用件の相手').fill('田中');
  await form.getByRole('radio', { name: '要', exact: true }).check();
  await expect(form.getByLabel('折り返し先')).toHaveValue(/090.?2222.?3333/);
  await form.getByLabel('内容').fill('見積もりの件でお電話ください。');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(desk.getByText(`${callerName} 様からのお問い合わせを記録しました。`)).toBeVisible();
  await saveScreenshot(desk, 'console-inquiry-recorded');

  // 3. The customer sees it among the unhandled inquiries on the dashboard …
  const home = await logIn(browser, web(), customer);
  const unhandled = home.getByRole('region', { name: '未対応のお問い合わせ' });
  await expect(unhandled).toContainText(callerName);
  await expect(unhandled).toContainText('折り返し要');
  await unhandled.getByRole('link', { name: new RegExp(callerName) }).click();

  // 4. … marks it 対応済み on the detail page …
  await home.getByRole('radio', { name: '対応済み' }).check();
  await home.getByRole('button', { name: '対応状況を更新' }).click();
  await expect(home.getByText('対応状況を更新しました。')).toBeVisible();

  // 5. … and sees it greyed out in the list, gone from the dashboard's unhandled ones.
  await home.goto(`${web()}/inquiries`);
  const row = home.getByRole('row').filter({ hasText: callerName });
  await expect(row).toHaveClass(/inquiry-row--handled/);
  await expect(row).toContainText('対応済み');
  await saveScreenshot(home, 'web-inquiries');
  await home.goto(web());
  await expect(home.getByRole('region', { name: '未対応のお問い合わせ' })).not.toContainText(callerName);
});
