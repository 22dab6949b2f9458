import AxeBuilder from '@axe-core/playwright';
import { Client } from 'pg';
import { PG_ADMIN_URL, readState } from '../setup/e2e-env';
import { appUrls, expect, linkFromMail, saveScreenshot, staff, test } from './support';
import {
  answerChallenge,
  expectNoCardNumberIn,
  signUpCustomer,
  submitCard,
  TEST_CARDS,
  typeCard,
  watchOurRequests,
} from './cards-support';

// Issue 17 (R1.5, R2.4, R7.2): cards are typed only into the payment provider's fields (the
// sandbox's iframe here), confirmed with 3-D Secure when the issuer asks, and a monthly charge
// that needs the cardholder is authenticated from the mailed link. No request to our own origins
// ever carries a card number.

const web = () => appUrls().web;

async function adminToken(): Promise<string> {
  const res = await fetch(`${appUrls().api}/api/v1/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(staff.admin),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function adminApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${appUrls().api}${path}`, {
    method,
    headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, `${method} ${path}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

/**
 * Test set-up only: the account has had the standard plan since January (as if it had been
 * active for months), so a billing run for February charges its monthly fee off-session.
 */
async function planSinceJanuary(accountId: string): Promise<void> {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${readState()!.database}`;
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO subscription_plans (account_id, plan_code, starts_on) VALUES ($1, 'standard', '2026-01-01')`,
      [accountId],
    );
  } finally {
    await db.end();
  }
}

test('a card that needs 3-D Secure: a failed challenge stores nothing, a completed one puts it on file', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const ours = watchOurRequests(page);
  await signUpCustomer(page, 'card-3ds');
  await page.goto(`${web()}/card`);
  await expect(page.getByTestId('current-card')).toContainText('まだクレジットカードが登録されていません');

  // The issuer challenges; the cardholder fails it: a clear message, no card.
  await typeCard(page, TEST_CARDS.threeDsAlways);
  await submitCard(page);
  await answerChallenge(page, 'fail');
  await expect(page).toHaveURL(/\/card$/);
  await expect(page.getByRole('alert')).toContainText(
    'カードの本人認証（3-Dセキュア）ができませんでした。カードは登録されていません。',
  );
  await expect(page.getByTestId('current-card')).toContainText('まだクレジットカードが登録されていません');

  // Again, and this time the challenge is completed: the card is on file (brand, last 4, expiry).
  await typeCard(page, TEST_CARDS.threeDsAlways);
  await submitCard(page);
  await answerChallenge(page, 'complete');
  await expect(page.getByText('クレジットカードを登録しました。')).toBeVisible();
  const current = page.getByTestId('current-card');
  await expect(current).toContainText('Visa');
  await expect(current).toContainText('•••• 3184');
  await expect(current).toContainText('12/30');
  await saveScreenshot(page, 'card-registered-3ds');

  expectNoCardNumberIn(ours);
});

test('a refused brand and a declined card: clear messages, nothing stored', async ({ page }) => {
  test.setTimeout(60_000);
  const ours = watchOurRequests(page);
  await signUpCustomer(page, 'card-refused');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${web()}/card`);

  // On a phone, with the provider's fields open: no sideways scrolling, nothing axe finds serious.
  await typeCard(page, TEST_CARDS.unionPay);
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await saveScreenshot(page, 'card-fields-390');
  await submitCard(page);
  await expect(page.getByRole('alert')).toContainText(
    'このカードブランドはご利用いただけません。カードは登録されていません。ご利用いただけるのは Visa、Mastercard、JCB、American Express、Diners Club、Discover のカードです。',
  );
  await expect(page.getByTestId('current-card')).toContainText('まだクレジットカードが登録されていません');

  await typeCard(page, TEST_CARDS.declined);
  await submitCard(page);
  await expect(page.getByRole('alert')).toContainText('カード会社によりカードが承認されませんでした。');
  await expect(page.getByTestId('current-card')).toContainText('まだクレジットカードが登録されていません');

  expectNoCardNumberIn(ours);
});

test('a monthly charge that needs authentication: the mail, the page, the challenge, paid; then the card is changed', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const ours = watchOurRequests(page);
  const email = await signUpCustomer(page, 'card-monthly', '松本 和也');
  await page.goto(`${web()}/card`);
  await typeCard(page, TEST_CARDS.threeDsAlways);
  await submitCard(page);
  await answerChallenge(page, 'complete');
  await expect(page.getByTestId('current-card')).toContainText('•••• 3184');

  // The monthly run charges the card off-session; the issuer wants the cardholder.
  const [account] = (
    await adminApi<{ items: { id: string }[] }>(
      'GET',
      `/api/v1/admin/accounts?q=${encodeURIComponent(email)}`,
    )
  ).items;
  await planSinceJanuary(account.id);
  const run = await adminApi<{ id: string }>('POST', '/api/v1/admin/billing-runs', { period: '2026-02' });
  await expect
    .poll(
      async () => (await adminApi<{ status: string }>('GET', `/api/v1/admin/billing-runs/${run.id}`)).status,
      {
        timeout: 30_000,
      },
    )
    .toBe('completed');

  // The invoice list says so …
  await page.goto(`${web()}/billing/invoices`);
  const row = page.getByRole('row').filter({ hasText: '2026年2月分' });
  await expect(row).toContainText('要認証');

  // … and the owner was mailed the page's link; they open it on their phone.
  const link = await linkFromMail(email, '/authenticate', 30_000);
  expect(new URL(link).pathname).toMatch(/^\/billing\/invoices\/[0-9a-f-]+\/authenticate$/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'お支払いの本人認証' })).toBeVisible();
  const details = page.getByTestId('authenticate-invoice');
  await expect(details).toContainText('2026年2月分');
  await expect(details).toContainText('¥5,500');
  await expect(details).toContainText('カードの本人認証が必要です');
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await saveScreenshot(page, 'invoice-authenticate-390');

  await page.getByRole('button', { name: '本人認証へ進む' }).click();
  await answerChallenge(page, 'complete');
  await expect(page.getByText('お支払いが完了しました', { exact: true })).toBeVisible();
  await expect(details).toContainText('お支払い済み');
  await page.getByRole('link', { name: '請求一覧へ戻る' }).click();
  await expect(page.getByRole('row').filter({ hasText: '2026年2月分' })).toContainText('お支払い済み');

  // Change the card: the same fields, a card without 3-D Secure.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${web()}/card`);
  await typeCard(page, TEST_CARDS.visa, '08 / 31', '321');
  await submitCard(page);
  await expect(page.getByText('クレジットカードを変更しました。')).toBeVisible();
  await expect(page.getByTestId('current-card')).toContainText('•••• 4242');
  await expect(page.getByTestId('current-card')).toContainText('08/31');

  expectNoCardNumberIn(ours);
});
