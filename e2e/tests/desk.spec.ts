import type { Browser, Page } from '@playwright/test';
import {
  ACTIVE_CUSTOMER_NUMBER,
  activeCustomer,
  answerOnDesk,
  appUrls,
  expect,
  hangUpCaller,
  logIn,
  openDesk,
  placeCall,
  saveScreenshot,
  staff,
  test,
} from './support';

// The operator's desk by voice (issue 14): a caller rings 03-4500-0001 from the Twilio fake's phone
// page; the available operator's softphone rings in the console, the operator answers and both
// ends hear each other (real WebRTC audio on this machine, Chromium's fake microphone); hold and
// resume; the caller hangs up; the inquiry is recorded in wrap-up; the customer sees it.

/** Keeps every RTCPeerConnection the page makes, to read its WebRTC stats (test instrumentation). */
async function watchPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    const kept: RTCPeerConnection[] = [];
    (window as unknown as { __peers: RTCPeerConnection[] }).__peers = kept;
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        kept.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

/** Inbound audio bytes of the page's live peer connections. */
async function inboundAudioBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let bytes = 0;
    for (const pc of (window as unknown as { __peers: RTCPeerConnection[] }).__peers) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived ?? 0;
      });
    }
    return bytes;
  });
}

/** Audio is flowing into the page: its inbound bytes rise over a second. */
async function expectAudioIn(page: Page, who: string): Promise<void> {
  let before = await inboundAudioBytes(page);
  await expect
    .poll(
      async () => {
        const now = await inboundAudioBytes(page);
        const rising = now > before && now > 0;
        before = now;
        return rising;
      },
      { message: `${who} receives audio`, timeout: 15_000, intervals: [1000] },
    )
    .toBe(true);
}

async function phonePage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await watchPeerConnections(page);
  await page.goto(`${appUrls().twilio}/phone`);
  return page;
}

test('a caller reaches the available operator by voice, is held and resumed, hangs up, and the inquiry reaches the customer', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const callerName = `音声 ${Date.now().toString(36)}`;

  const context = await browser.newContext();
  const desk = await context.newPage();
  await watchPeerConnections(desk);
  await desk.goto(`${appUrls().console}/login`);
  await desk.getByLabel('メールアドレス', { exact: true }).fill(staff.operator.email);
  await desk.getByLabel('パスワード', { exact: true }).fill(staff.operator.password);
  await desk.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(desk.getByRole('group', { name: /ログイン中/ })).toBeVisible();
  await openDesk(desk);

  // The caller dials the demo number from the fake's phone page (a microphone, a loudspeaker).
  const phone = await phonePage(browser);
  await phone.locator('#from').fill('090-7777-8888');
  await phone.locator('#to').fill(ACTIVE_CUSTOMER_NUMBER);
  await phone.getByRole('button', { name: '発信' }).click();

  // The softphone rings with the screen pop: whose line, the greeting to say.
  await expect(desk.getByTestId('greeting')).toHaveText(
    'お電話ありがとうございます。株式会社デモ物産でございます。',
    { timeout: 15_000 },
  );
  await answerOnDesk(desk);
  await expectAudioIn(desk, 'the operator');
  await expectAudioIn(phone, 'the caller');
  await saveScreenshot(desk, 'console-desk-on-call');

  // 保留: the caller hears the hold message; 保留解除: the conversation again, both ways.
  await desk.getByTestId('call-hold').click();
  await expect(desk.getByTestId('hold-timer')).toBeVisible();
  await expect(phone.locator('#transcript')).toContainText('ただいま保留中です', { timeout: 15_000 });
  await desk.getByTestId('call-hold').click(); // 保留解除
  await expect(desk.getByTestId('hold-timer')).toBeHidden({ timeout: 15_000 });
  await expectAudioIn(desk, 'the operator after hold');
  await expectAudioIn(phone, 'the caller after hold');

  // The caller hangs up first: the console says so; wrap-up starts.
  await phone.getByRole('button', { name: '切る' }).click();
  await expect(desk.getByTestId('caller-hung-up')).toBeVisible();
  await expect(desk.getByTestId('wrap-up-timer')).toBeVisible();
  const form = desk.getByRole('form', { name: '問い合わせの記録' });
  await form.getByLabel('お名前').fill(callerName);
  await form.getByRole('radio', { name: '不要', exact: true }).check();
  await form.getByLabel('内容').fill('資料の送付先の確認でした。');
  await desk.getByTestId('inquiry-save').click();
  await expect(desk.getByText(`${callerName} 様からのお問い合わせを記録しました。`)).toBeVisible();
  await expect(desk.getByTestId('desk-status')).toContainText('受付可');

  // The customer's dashboard shows the inquiry.
  const home = await logIn(browser, appUrls().web, activeCustomer);
  await expect(home.getByText(callerName).first()).toBeVisible();
});

test('two operators, two calls at once: each gets one; a caller who hangs up while waiting is abandoned on the wallboard', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const operator = await logIn(browser, appUrls().console, staff.operator);
  const admin = await logIn(browser, appUrls().console, staff.admin);
  await openDesk(operator);
  await openDesk(admin);

  const first = await placeCall(ACTIVE_CUSTOMER_NUMBER, '090-1111-0001');
  const second = await placeCall(ACTIVE_CUSTOMER_NUMBER, '090-1111-0002');
  try {
    await bothAnswerAndOneCallerGivesUp(browser, operator, admin);
  } finally {
    await hangUpCaller(first);
    await hangUpCaller(second);
  }
});

async function bothAnswerAndOneCallerGivesUp(browser: Browser, operator: Page, admin: Page): Promise<void> {
  await answerOnDesk(operator);
  await answerOnDesk(admin);
  const callers = [
    await operator.getByTestId('screen-pop').textContent(),
    await admin.getByTestId('screen-pop').textContent(),
  ];
  expect(callers.some((t) => t?.includes('090-1111-0001'))).toBe(true);
  expect(callers.some((t) => t?.includes('090-1111-0002'))).toBe(true);

  // Both are busy: a third caller waits, then gives up.
  const wallboard = await logIn(browser, appUrls().console, staff.admin);
  await wallboard.getByRole('link', { name: 'ウォールボード' }).click();
  const abandonedBefore = Number(await wallboard.getByTestId('today-abandoned').textContent());
  const third = await placeCall(ACTIVE_CUSTOMER_NUMBER, '090-1111-0003');
  await expect(wallboard.getByTestId('waiting-calls')).toHaveText('1', { timeout: 15_000 });
  await hangUpCaller(third);
  await expect(wallboard.getByTestId('today-abandoned')).toHaveText(String(abandonedBefore + 1), {
    timeout: 15_000,
  });
  await expect(wallboard.getByTestId('waiting-calls')).toHaveText('0');
  await saveScreenshot(wallboard, 'console-wallboard');
}
