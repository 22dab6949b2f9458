import type { Browser, Page } from '@playwright/test';
import { appUrls, expect, linkFromMail, saveScreenshot, test, uniqueEmail } from './support';
import { submitCard, TEST_CARDS, typeCard } from './cards-support';

// The whole onboarding (R1.1–R1.6, R3.1) as people do it: a new customer signs up, confirms the
// address, uploads an identity document and registers a card (in the payment sandbox's card fields);
// an admin approves the document and issues a number in the console; the customer sees it.

const web = () => appUrls().web;
const consoleUrl = () => appUrls().console;
const admin = { email: 'admin@example.com', password: 'demo-admin-2026' };

/** A tiny, valid PNG (1×1 pixel): the API decides the type from these bytes, not from the name. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A Tokyo 03 number no earlier run has put in the pool (the pool outlives a test, not a run). A
 * subscriber number never starts with 0: the clock's last eight digits did for ~2.8 hours a day,
 * and the pool refused the number then.
 */
function freshPoolNumber(): string {
  const now = Date.now();
  const digits = `${5 + (Math.floor(now / 10_000_000) % 5)}${String(now % 10_000_000).padStart(7, '0')}`;
  return `03-${digits.slice(0, 4)}-${digits.slice(4)}`;
}

async function consolePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${consoleUrl()}/login`);
  await page.getByLabel('メールアドレス', { exact: true }).fill(admin.email);
  await page.getByLabel('パスワード', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  return page;
}

test('a new customer goes from sign-up to an active 03 number', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('onboarding');
  const name = '中村 健太';
  const poolNumber = freshPoolNumber();

  // 1. Sign up as an individual and confirm the address from the mail.
  await page.goto(`${web()}/signup`);
  await page.getByLabel('メールアドレス', { exact: true }).fill(email);
  await page.getByLabel('パスワード', { exact: true }).fill('Quiet-harbour-5820');
  await page.getByRole('radio', { name: '個人' }).check();
  await page.getByLabel('氏名', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'アカウントを作成' }).click();
  await page.goto(await linkFromMail(email, '/confirm-email'));

  // 2. The dashboard's checklist says what is missing.
  const checklist = page.getByRole('region', { name: 'ご利用開始までの手続き' });
  await expect(checklist).toBeVisible();
  await expect(checklist).toContainText('1 / 4 完了');
  await saveScreenshot(page, 'onboarding-checklist');

  // 3. Upload an identity document (a passport scan, as PNG).
  await checklist.getByRole('link', { name: '本人確認書類を提出する' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '本人確認書類' })).toBeVisible();
  await page.getByLabel('書類の種類').selectOption({ label: 'パスポート' });
  await page.getByLabel('ファイル', { exact: true }).setInputFiles({
    name: 'passport.png',
    mimeType: 'image/png',
    buffer: PNG_1X1,
  });
  await page.getByRole('button', { name: '送信する' }).click();
  await expect(page.getByText('書類を受け付けました。審査が終わるまでお待ちください。')).toBeVisible();

  // 4. Register a card in the payment sandbox's own fields (an iframe): our API gets only the
  // SetupIntent's id and asks the provider for the rest.
  await page.goto(`${web()}/card`);
  await typeCard(page, TEST_CARDS.visa);
  await submitCard(page);
  await expect(page.getByText('クレジットカードを登録しました。')).toBeVisible();
  await expect(page.getByText('•••• 4242')).toBeVisible();

  // 5. An admin approves the document in the review queue.
  const staff = await consolePage(browser);
  await staff.goto(`${consoleUrl()}/verification`);
  const row = staff.getByRole('row').filter({ hasText: name });
  await row.getByRole('link', { name: '審査する' }).click();
  await expect(staff.getByRole('img', { name: 'パスポートの画像' })).toBeVisible();
  await staff.getByRole('button', { name: '承認する' }).click();
  await expect(staff.getByText('承認しました。')).toBeVisible();

  // 6. … adds a number to the pool, finds the customer and issues it.
  await staff.goto(`${consoleUrl()}/numbers`);
  await staff.getByLabel('追加する番号（1行に1つ）').fill(poolNumber);
  await staff.getByRole('button', { name: '追加する' }).click();
  await expect(staff.getByText('追加 1 件・登録済み 0 件・登録不可 0 件')).toBeVisible();

  await staff.goto(`${consoleUrl()}/accounts?q=${encodeURIComponent(email)}`);
  await staff.getByRole('link', { name }).click();
  await expect(staff.getByTestId('account-state')).toHaveText('番号発行準備中');
  await staff.getByRole('button', { name: '番号を発行' }).click();
  await staff.getByRole('radio', { name: '空き番号から選ぶ' }).check();
  await staff.getByLabel('番号', { exact: true }).selectOption({ label: poolNumber });
  await staff.getByRole('button', { name: '発行する' }).click();
  await expect(staff.getByText(`${poolNumber} を発行しました。`)).toBeVisible();
  await expect(staff.getByTestId('account-state')).toHaveText('ご利用中');
  await saveScreenshot(staff, 'console-account-page');

  // 7. The customer sees the number and an active account.
  await page.goto(web());
  await expect(page.getByText(`ご利用番号は ${poolNumber} です。`)).toBeVisible();
  await page.goto(`${web()}/number`);
  await expect(page.getByText(poolNumber).first()).toBeVisible();
  await saveScreenshot(page, 'onboarding-active');
});
