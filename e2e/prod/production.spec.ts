import { expect, test, type Page, type Response } from '@playwright/test';
import { readProdState } from './prod-env';
import { submitCard, TEST_CARDS, typeCard } from '../tests/cards-support';

// Both built apps through nginx, as `pnpm start:prod` serves them: the security headers on the
// apps' origin, caching, client-side routes, and a log-in that reaches the API processes.

const state = readProdState();

function expectSecurityHeaders(res: Response | null) {
  expect(res, 'a response').not.toBeNull();
  const h = res!.headers();
  expect(h['content-security-policy']).toContain("default-src 'self'");
  expect(h['content-security-policy']).toContain("script-src 'self'");
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  expect(h['x-content-type-options']).toBe('nosniff');
}

/** Every response of the page, to check the hashed assets' caching; CSP reports from the console. */
function watch(page: Page) {
  const assets: Response[] = [];
  const cspViolations: string[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/assets/')) assets.push(r);
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return { assets, cspViolations };
}

test('the console: built, served with its security headers, logs a staff member in through the proxy', async ({
  page,
}) => {
  const seen = watch(page);
  // A client-side route loaded directly: nginx answers it with index.html.
  const res = await page.goto(`${state.console}/login`);
  expectSecurityHeaders(res);
  // The console frames nothing from outside and needs no payment provider.
  expect(res!.headers()['content-security-policy']).toContain("frame-src 'self';");
  expect(res!.status()).toBe(200);
  expect(res!.headers()['cache-control']).toBe('no-store');
  await expect(page.getByRole('heading', { level: 1, name: 'スタッフログイン' })).toBeVisible();

  await page.getByLabel('メールアドレス', { exact: true }).fill(state.admin.email);
  await page.getByLabel('パスワード', { exact: true }).fill(state.admin.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await expect(page.getByText(`お疲れさまです、${state.admin.name} さん`)).toBeVisible();

  // Hashed assets: cached for a year, immutable; with the same headers.
  expect(seen.assets.length).toBeGreaterThan(0);
  for (const asset of seen.assets) {
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(asset);
  }
  expect(seen.cspViolations).toEqual([]);

  // A reload keeps the session (the refresh cookie through the proxy); an unknown asset is a 404.
  await page.reload();
  await expect(page.getByText(`お疲れさまです、${state.admin.name} さん`)).toBeVisible();
  expect((await page.request.get(`${state.console}/assets/missing-0000.js`)).status()).toBe(404);
});

/** The link of `pathPart` in the newest mail to `to` at the SMTP sink (sent by a worker). */
async function linkFromMail(to: string, pathPart: string): Promise<string> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const res = await fetch(`${state.mail}/api/messages?to=${encodeURIComponent(to)}`);
    const body = (await res.json()) as { text: string }[] | { messages: { text: string }[] };
    const messages = Array.isArray(body) ? body : body.messages;
    const link = messages
      .map((m) => new RegExp(`https?://\\S*${pathPart}\\S*`).exec(m.text)?.[0])
      .find(Boolean);
    if (link) return link;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} with a ${pathPart} link`);
}

test('the web app: built, served with its security headers; a customer signs up, confirms by mail and logs in', async ({
  page,
}) => {
  const seen = watch(page);
  const email = `prod-${Date.now()}@prod.example`;
  const password = 'Harbor-lantern-7391';
  const res = await page.goto(`${state.web}/signup`);
  expectSecurityHeaders(res);
  expect(res!.headers()['cache-control']).toBe('no-store');
  // Issue 17: the web app may frame the payment sandbox's card fields (Stripe.js with real Stripe),
  // and nothing else from outside.
  const csp = res!.headers()['content-security-policy'];
  expect(csp).toMatch(/frame-src 'self' http:\/\/127\.0\.0\.1:\d+;/);
  expect(csp).toContain("script-src 'self';");
  expect(csp).not.toContain('twilio');
  await expect(page.getByRole('heading', { level: 1, name: '新規登録' })).toBeVisible();
  await page.getByLabel('メールアドレス', { exact: true }).fill(email);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('radio', { name: '法人' }).check();
  await page.getByLabel('会社名', { exact: true }).fill('株式会社本番検証');
  await page.getByLabel('氏名', { exact: true }).fill('本番 太郎');
  await page.getByRole('button', { name: 'アカウントを作成' }).click();
  await expect(page.getByText(email)).toBeVisible();

  // The confirmation mail is sent by one of the workers; its link points at this origin.
  const link = await linkFromMail(email, '/confirm-email');
  expect(link.startsWith(`${state.web}/confirm-email?token=`)).toBe(true);
  expectSecurityHeaders(await page.goto(link));
  await expect(page.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeVisible();
  await expect(page.getByText('ようこそ、本番 太郎 さん')).toBeVisible();

  // Log out and in again: the log-in form, the API through nginx, the dashboard.
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
  await page.getByLabel('メールアドレス', { exact: true }).fill(email);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeVisible();
  // Another page of the app, loaded directly (client-side route → index.html).
  expectSecurityHeaders(await page.goto(`${state.web}/pricing`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Issue 17: a card typed into the payment sandbox's own fields, framed under this CSP.
  expectSecurityHeaders(await page.goto(`${state.web}/card`));
  await typeCard(page, TEST_CARDS.visa);
  await submitCard(page);
  await expect(page.getByText('クレジットカードを登録しました。')).toBeVisible();
  await expect(page.getByTestId('current-card')).toContainText('•••• 4242');

  expect(seen.cspViolations).toEqual([]);
  expect(seen.assets.length).toBeGreaterThan(0);
  for (const asset of seen.assets) expect(asset.headers()['cache-control']).toContain('immutable');

  // The API answers through the proxy; /metrics is not served there (only on loopback ports).
  const ready = await page.request.get(`${state.web}/api/v1/health/ready`);
  expect(await ready.json()).toMatchObject({ status: 'ok' });
  expect(await (await page.request.get(`${state.web}/metrics`)).text()).not.toContain(
    'http_request_duration_seconds',
  );
});
