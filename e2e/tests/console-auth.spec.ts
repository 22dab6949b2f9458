import type { Page } from '@playwright/test';
import { appUrls, demo, expect, saveScreenshot, test } from './support';

// The operator console (staff only). Texts come from apps/console/src/i18n/ja.json.

const consoleUrl = () => appUrls().console;

async function expectLogInPage(page: Page) {
  await expect(page).toHaveURL(`${consoleUrl()}/login`);
  await expect(page.getByRole('heading', { level: 1, name: 'スタッフログイン' })).toBeVisible();
}

async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel('メールアドレス', { exact: true }).fill(email);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

test('an operator logs in to the console, sees their name and role, and logs out', async ({ page }) => {
  await page.goto(consoleUrl());
  await expectLogInPage(page); // not signed in: sent to the log-in page
  await logIn(page, demo.operator.email, demo.operator.password);

  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await expect(page).toHaveURL(`${consoleUrl()}/`);
  await expect(page.getByText(`お疲れさまです、${demo.operator.name} さん`)).toBeVisible();
  await expect(page.getByRole('group', { name: 'ログイン中のスタッフ' })).toContainText(demo.operator.name);
  const profile = page.getByRole('region', { name: 'ログイン中のスタッフ' });
  await expect(profile).toContainText(demo.operator.name);
  await expect(profile).toContainText(demo.operator.email);
  await expect(profile).toContainText('オペレーター');
  await saveScreenshot(page, 'console-home');

  // The staff session survives a reload too (its own refresh cookie).
  await page.reload();
  await expect(page.getByText(`お疲れさまです、${demo.operator.name} さん`)).toBeVisible();

  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expectLogInPage(page);
  // Logged out for real: a reload does not bring the session back.
  await page.reload();
  await expectLogInPage(page);
  await expect(page.getByRole('group', { name: 'ログイン中のスタッフ' })).toHaveCount(0);
});

test("the console refuses a customer's credentials", async ({ page }) => {
  await page.goto(`${consoleUrl()}/login`);
  await expectLogInPage(page);
  await logIn(page, demo.owner.email, demo.owner.password);

  await expect(page.getByRole('alert')).toHaveText('メールアドレスまたはパスワードが正しくありません。');
  await expectLogInPage(page);
  await expect(page.getByRole('group', { name: 'ログイン中のスタッフ' })).toHaveCount(0);
});
