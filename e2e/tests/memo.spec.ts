import type { Browser, Page } from '@playwright/test';
import { appUrls, expect, hangUpCaller, openDesk, placeCall, saveScreenshot, test } from './support';

// The answer memo from filing to the screen pop (R5.1–R5.3): the customer files a memo, an admin
// approves it in the console, and during a simulated call the operator's screen pop shows the
// approved text; a second submission stays pending while the first stays live.

const web = () => appUrls().web;
const consoleUrl = () => appUrls().console;
const admin = { email: 'admin@example.com', password: 'demo-admin-2026' };
const operator = { email: 'operator@example.com', password: 'demo-operator-2026' };
const customer = { email: 'active@example.com', password: 'demo-active-2026' };
/** Issued to the active demo customer by the seed. */
const CUSTOMER_NUMBER = '03-4500-0001';
const MEMO_FORM = '応答メモ（基本情報・営業時間・自由記載欄）';

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

test('a memo filed by the customer and approved by staff shows in the screen pop; a second one stays pending', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await openAllDay();
  const tag = Date.now().toString(36);
  const first = `株式会社デモ物産 東京都千代田区 ${tag}`;
  const second = `「さとう」と「さいとう」の聞き間違いにご注意 ${tag}`;

  // 1. The customer files the memo; the page says operators are not bound by it.
  const home = await logIn(browser, web(), customer);
  await home.goto(`${web()}/memo`);
  await expect(home.getByText(/保証するものではありません/)).toBeVisible();
  let form = home.getByRole('form', { name: MEMO_FORM });
  await form.getByLabel('基本情報', { exact: true }).fill(first);
  await expect(form.getByTestId('char-count').first()).toHaveText(
    `${[...new Intl.Segmenter('ja').segment(first)].length} / 200 文字`,
  );
  await form.getByLabel('営業時間', { exact: true }).fill('平日 9:00〜18:00');
  await form.getByRole('button', { name: '登録する' }).click();
  await expect(home.getByText(/審査に出しました/).first()).toBeVisible();
  await expect(home.getByTestId('memo-pending')).toContainText(first);
  await expect(home.getByTestId('memo-live')).toContainText('承認済みの応答メモはまだありません。');

  // 2. An admin approves it from the review queue.
  const staff = await logIn(browser, consoleUrl(), admin);
  await staff.goto(`${consoleUrl()}/memo-reviews`);
  const card = staff.getByRole('region').filter({ hasText: first });
  await expect(card).toContainText('（承認済みの版なし）');
  await saveScreenshot(staff, 'console-memo-review');
  await card.getByRole('button', { name: '承認する' }).click();
  await expect(staff.getByRole('region').filter({ hasText: first })).toHaveCount(0);

  // 3. The customer sees it live and files a second version, which waits while the first stays live.
  await home.reload();
  await expect(home.getByTestId('memo-live')).toContainText(first);
  form = home.getByRole('form', { name: MEMO_FORM });
  await form.getByLabel('自由記載欄', { exact: true }).fill(second);
  await form.getByRole('button', { name: '登録する' }).click();
  await expect(home.getByTestId('memo-pending')).toContainText(second);
  await expect(home.getByTestId('memo-live')).toContainText(first);
  await expect(home.getByTestId('memo-live')).not.toContainText(second);
  await expect(home.getByTestId('quota').first()).toContainText('今月の申請：2 / 4 回');
  await saveScreenshot(home, 'web-memo');

  // 4. A call: the operator's screen pop shows the approved memo, not the pending one.
  const desk = await logIn(browser, consoleUrl(), operator);
  await openDesk(desk);
  const caller = await placeCall(CUSTOMER_NUMBER, '090-4444-5555');
  const memo = desk.getByTestId('answer-memo');
  await expect(memo).toContainText(first);
  await expect(memo).toContainText('平日 9:00〜18:00');
  await expect(desk.getByTestId('screen-pop')).not.toContainText(second);
  await saveScreenshot(desk, 'console-screen-pop-memo');
  await hangUpCaller(caller);
});
