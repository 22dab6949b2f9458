import {
  activeCustomer,
  appUrls,
  expect,
  logIn,
  openReceptionAllDay,
  recordCallbackInquiry,
  saveScreenshot,
  staff,
  test,
} from './support';

// Issue 5's "done when" (R6.1, R6.2, R8.4): the customer links Chatwork through the fake's consent
// page and picks a room; an operator records a 折り返し必要 inquiry; the fake Chatwork room and the
// SMTP sink both show it with the right subject. Then the mail's "mark handled" link works once,
// without logging in.

const ROOM = { id: '2002', name: '山田商事 電話受付' };

type FakeMessage = { room_id: string; body: string; auth: string };
type SinkMessage = { subject: string; text: string; to: string[] | string };

async function poll<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not arrive within ${timeoutMs} ms`);
}

test('Chatwork linked through the consent page, and an inquiry reaches the room and the inbox', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await openReceptionAllDay();
  const { web, chatwork, mail } = appUrls();
  const callerName = `中村 ${Date.now().toString(36)}`;

  // 1. The owner presses 「Chatworkでの通知を設定」 and lands on Chatwork's consent page.
  const home = await logIn(browser, web, activeCustomer);
  await home.goto(`${web}/notifications`);
  const card = home.getByTestId('chatwork-card');
  await expect(card).toContainText('組織の管理者');
  await card.getByRole('button', { name: 'Chatworkでの通知を設定' }).click();
  await expect(home.getByRole('heading', { name: 'アクセス許可' })).toBeVisible();
  expect(home.url().startsWith(chatwork)).toBe(true);

  // 2. They allow it as 山田 太郎, come back, pick the room and press 「更新する」.
  await home.getByRole('radio', { name: /山田 太郎/ }).check();
  await home.getByRole('button', { name: '許可', exact: true }).click();
  await expect(home.getByText('山田 太郎 さんのChatworkと連携しました。', { exact: false })).toBeVisible();
  await home.getByLabel('通知するチャットルーム').selectOption(ROOM.id);
  // the confirmation text may be replaced as the page moves on: wait for the API's answer instead
  const saved = home.waitForResponse(
    (r) => r.url().endsWith('/api/v1/chatwork/room') && r.request().method() === 'PUT',
  );
  await home.getByRole('button', { name: '更新する' }).click();
  expect((await saved).status()).toBe(200);
  await home.goto(`${web}/notifications`);
  await expect(home.getByTestId('chatwork-card')).toContainText('山田 太郎');
  await expect(home.getByTestId('chatwork-card')).toContainText(ROOM.name);
  await saveScreenshot(home, 'web-chatwork-linked');

  // 3. An operator records a 折り返し必要 inquiry for this customer.
  const desk = await logIn(browser, appUrls().console, staff.operator);
  await recordCallbackInquiry(desk, callerName, '090-4444-5555');

  // 4. The fake Chatwork room got it, posted with the linked user's OAuth token, in [info] notation.
  const posted = await poll(async () => {
    const res = await fetch(`${chatwork}/_fake/rooms/${ROOM.id}/messages`);
    const body = (await res.json()) as FakeMessage[] | { messages: FakeMessage[] };
    const messages = Array.isArray(body) ? body : body.messages;
    return messages.find((m) => m.body.includes(callerName));
  }, 'the Chatwork message');
  expect(posted.auth).toBe('oauth');
  expect(posted.body).toContain('[info][title]折り返し必要');
  expect(posted.body).toContain('見積もりの件でお電話ください。');

  // 5. The SMTP sink caught the mail with 折り返し必要 in the subject.
  const mailed = await poll(async () => {
    const res = await fetch(`${mail}/api/messages?to=${encodeURIComponent(activeCustomer.email)}`);
    const body = (await res.json()) as SinkMessage[] | { messages: SinkMessage[] };
    const messages = Array.isArray(body) ? body : body.messages;
    return messages.find((m) => m.subject.includes(callerName));
  }, 'the inquiry mail');
  expect(mailed.subject).toContain('折り返し必要');
  expect(mailed.subject).not.toContain('入電のみ');

  // 6. The inquiry page shows both deliveries as sent.
  await home.goto(`${web}/inquiries`);
  await home.getByRole('row').filter({ hasText: callerName }).getByRole('link').first().click();
  const deliveries = home.getByRole('region', { name: '通知の送信状況' });
  await expect(deliveries.getByText('Chatwork', { exact: true })).toBeVisible();
  await expect(deliveries.getByText(/送信済み/)).toHaveCount(2);

  // 7. The mail's "mark handled" link, opened logged out, marks it 対応済み once (R8.4).
  const link = /https?:\/\/\S*\/links\/mark-handled#\S+/.exec(mailed.text)?.[0];
  expect(link).toBeDefined();
  const outsider = await (await browser.newContext()).newPage();
  await outsider.goto(link!);
  await expect(outsider.getByText(callerName, { exact: false })).toBeVisible();
  await outsider.getByRole('button', { name: '対応済みにする' }).click();
  await expect(outsider.getByText('対応済みにしました。このリンクはもう使えません。')).toBeVisible();
  await outsider.reload();
  await expect(outsider.getByRole('heading', { name: 'このリンクは使用済みです' })).toBeVisible();
});
