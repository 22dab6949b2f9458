import path from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { appUrls, RESULTS_DIR } from '../setup/e2e-env';

export { appUrls, expect };

/** Playwright's `test`, failing any test whose page threw an uncaught error (a crash users may not see). */
export const test = base.extend({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
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
