import type { Page } from '@playwright/test';
import { appUrls, expect, linkFromMail, uniqueEmail } from './support';

// Issue 17: the card is typed into the payment sandbox's own fields (an iframe on its origin) and
// 3-D Secure happens on the sandbox's challenge page, as a customer would do it.

/** The accessible name the web app gives the provider's card-fields frame. */
export const CARD_FIELDS_TITLE = 'カード情報の入力欄（決済代行会社）';

/** Stripe test cards the sandbox knows (fakes/README.md). */
export const TEST_CARDS = {
  visa: '4242424242424242',
  threeDsAlways: '4000002760003184',
  threeDsOnSetup: '4000002500003155',
  declined: '4000000000000002',
  unionPay: '6200000000000005',
} as const;

/** Opens the card fields (登録 or 変更) and types a card into the sandbox's iframe. */
export async function typeCard(page: Page, number: string, expiry = '12 / 30', cvc = '123'): Promise<void> {
  const start = page.getByRole('button', { name: /^(カードを登録する|カードを変更する|もう一度入力する)$/ });
  await start.click();
  const fields = page.frameLocator(`iframe[title="${CARD_FIELDS_TITLE}"]`);
  await fields.getByLabel('カード番号').fill(number);
  await fields.getByLabel('有効期限').fill(expiry);
  await fields.getByLabel('セキュリティコード').fill(cvc);
}

/** Submits the typed card (the button is enabled once the fields say they are complete). */
export async function submitCard(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(このカードを登録する|このカードに変更する)$/ }).click();
}

/** On the sandbox's 3-D Secure page: the cardholder completes or fails the challenge. */
export async function answerChallenge(page: Page, result: 'complete' | 'fail'): Promise<void> {
  await page.waitForURL(/\/3ds\//);
  await expect(page.getByRole('heading', { name: /3-D Secure/ })).toBeVisible();
  await page
    .getByRole('button', {
      name: result === 'complete' ? '認証を完了する (Complete)' : '認証に失敗する (Fail)',
    })
    .click();
}

/** A new customer (an individual) signed up, confirmed by mail and logged in on `page`. */
export async function signUpCustomer(page: Page, label: string, name = '高橋 真由美'): Promise<string> {
  const email = uniqueEmail(label);
  await page.goto(`${appUrls().web}/signup`);
  await page.getByLabel('メールアドレス', { exact: true }).fill(email);
  await page.getByLabel('パスワード', { exact: true }).fill('Lantern-harbour-4471');
  await page.getByRole('radio', { name: '個人' }).check();
  await page.getByLabel('氏名', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'アカウントを作成' }).click();
  await page.goto(await linkFromMail(email, '/confirm-email'));
  await expect(page.getByRole('region', { name: 'ご利用開始までの手続き' })).toBeVisible();
  return email;
}

/**
 * Every request the page makes to our own origins (the web app's, which proxies /api in
 * development, and the API's), with its URL and body: none may carry a card number.
 */
export function watchOurRequests(page: Page): { url: string; body: string }[] {
  const ours = [new URL(appUrls().web).origin, new URL(appUrls().api).origin];
  const seen: { url: string; body: string }[] = [];
  page.on('request', (request) => {
    if (!ours.includes(new URL(request.url()).origin)) return;
    seen.push({ url: request.url(), body: request.postData() ?? '' });
  });
  return seen;
}

export function expectNoCardNumberIn(requests: { url: string; body: string }[]): void {
  expect(requests.length).toBeGreaterThan(0);
  const numbers = Object.values(TEST_CARDS);
  const carrying = requests.filter(({ url, body }) =>
    numbers.some((n) => url.includes(n) || body.includes(n) || body.replace(/\s/g, '').includes(n)),
  );
  expect(carrying, 'requests to our origins carrying a card number').toEqual([]);
}
