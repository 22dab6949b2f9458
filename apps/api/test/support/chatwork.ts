import type { InquiryDisplay } from '../../src/modules/inquiries/inquiry-read.service';
import { ChatworkService } from '../../src/modules/notifications/chatwork/chatwork.service';
import type { MediumContext } from './medium';
import type { TestApp } from './test-app';

/**
 * Chatwork in tests: the real fake (fakes/src/chatwork-fake.js) on a free port, the env that
 * points our client at it, its consent page driven with fetch as a browser would, and an
 * account's room linked through the API (e2e) or through ChatworkService (medium).
 */

export const CHATWORK_REDIRECT_URI = 'http://localhost:5173/notifications/chatwork/callback';

/** The env that points the Chatwork client at the fake. */
export const chatworkEnv = (fake: { url: string }): Record<string, string> => ({
  CHATWORK_OAUTH_URL: fake.url,
  CHATWORK_TOKEN_URL: `${fake.url}/token`,
  CHATWORK_API_URL: `${fake.url}/v2`,
  CHATWORK_REDIRECT_URI: CHATWORK_REDIRECT_URI,
});

/**
 * 許可 on the fake's consent page at `consentUrl` (our link's URL) as the Chatwork user
 * `chatworkUser`: the page is fetched, its hidden fields posted back with the decision. Answers
 * where the fake sends the browser back to (our redirect URI with `code` and `state`).
 */
export async function allowOnChatworkFake(
  fake: { url: string },
  consentUrl: string,
  chatworkUser: string,
): Promise<URL> {
  const page = await fetch(consentUrl);
  if (page.status !== 200) throw new Error(`the consent page answered ${page.status}`);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(m[1]!, m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
  }
  form.set('account_id', chatworkUser);
  form.set('decision', 'allow');
  const res = await fetch(`${fake.url}/packages/oauth2/login.php`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  if (res.status !== 302) throw new Error(`the consent answered ${res.status}, not a redirect`);
  return new URL(res.headers.get('location')!);
}

/**
 * A customer's Chatwork room linked the way a person links it: our consent URL → the Chatwork
 * fake's page → 許可 as `chatworkUser` → our callback → the room chosen. For the notification
 * tests; the link flow's own checks (refusals, state, who may link) are chatwork.e2e-spec.ts's.
 */
export async function linkChatworkRoom(
  t: TestApp,
  fake: { url: string },
  token: string,
  roomId: string,
  chatworkUser = '1001',
): Promise<void> {
  const bearer = `Bearer ${token}`;
  const link = await t.http().post('/api/v1/chatwork/link').set('authorization', bearer).expect(200);
  const back = await allowOnChatworkFake(fake, link.body.url as string, chatworkUser);
  await t
    .http()
    .post('/api/v1/chatwork/callback')
    .set('authorization', bearer)
    .send({ code: back.searchParams.get('code'), state: back.searchParams.get('state') })
    .expect(200);
  await t.http().put('/api/v1/chatwork/room').set('authorization', bearer).send({ roomId }).expect(200);
}

/**
 * The medium tier's way: ChatworkService's consent URL → 許可 on the fake as `chatworkUser` →
 * ChatworkService.completeLink with the redirect's code and state → the room, if given, chosen.
 */
export async function linkChatworkInMedium(
  m: MediumContext,
  fake: { url: string },
  accountId: string,
  userId: string,
  chatworkUser: string,
  roomId?: string,
): Promise<void> {
  const chatwork = m.get(ChatworkService);
  const back = await allowOnChatworkFake(fake, await chatwork.startLink(accountId, userId), chatworkUser);
  await chatwork.completeLink(
    accountId,
    userId,
    back.searchParams.get('code')!,
    back.searchParams.get('state')!,
  );
  if (roomId) await chatwork.chooseRoom(accountId, roomId);
}

/** An inquiry as a channel receives it (the fields a Chatwork message shows), for `accountId`. */
export const anInquiryDisplay = (accountId: string, over: Partial<InquiryDisplay> = {}): InquiryDisplay => ({
  id: '8f0c3b8e-1d2a-4c55-9a51-3f4b6f0e2a10',
  accountId,
  receivedAt: new Date('2026-11-25T01:00:00Z'),
  callerName: '田中 一郎',
  callerCompany: '田中商店',
  callerNumberDisplay: '090-1234-5678',
  forWhom: '山田',
  callbackRequired: true,
  callbackNumberDisplay: '03-1234-5678',
  category: 'normal',
  content: 'お見積りの件 [toall] です',
  urgent: true,
  status: 'unhandled',
  ...over,
});
