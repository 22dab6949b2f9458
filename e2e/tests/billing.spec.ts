import { readFile } from 'node:fs/promises';
import { appUrls, expect, saveScreenshot, test } from './support';

// 請求一覧 (R2.8): the active demo customer's first invoice (issued by the worker on the seed's
// number.issued event, R2.3) is listed with its state, and its invoice and receipt download as PDFs.

const customer = { email: 'active@example.com', password: 'demo-active-2026' };

test('downloads the invoice and the receipt PDF from the billing list', async ({ page }) => {
  test.setTimeout(60_000);
  const web = appUrls().web;
  await page.goto(`${web}/login`);
  await page.getByLabel('メールアドレス', { exact: true }).fill(customer.email);
  await page.getByLabel('パスワード', { exact: true }).fill(customer.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByRole('group', { name: /ログイン中/ })).toBeVisible();

  // The worker issues and charges the first invoice shortly after it starts: reload until it shows.
  await expect(async () => {
    await page.goto(`${web}/billing/invoices`);
    await expect(page.getByRole('table', { name: '請求一覧' })).toBeVisible({ timeout: 2000 });
    await expect(page.getByRole('cell', { name: 'お支払い済み' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const row = page.getByRole('row').filter({ hasText: '初回（初期費用・日割り）' });
  await expect(row).toContainText('¥');
  await saveScreenshot(page, 'billing-invoices');

  const [invoice] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: '請求書 PDF' }).click(),
  ]);
  expect(invoice.suggestedFilename()).toMatch(/^invoice-\d{8}\.pdf$/);
  const bytes = await readFile((await invoice.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(2000);

  const [receipt] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: '領収書 PDF' }).click(),
  ]);
  expect(receipt.suggestedFilename()).toMatch(/^receipt-\d{8}\.pdf$/);
  expect((await readFile((await receipt.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
});
