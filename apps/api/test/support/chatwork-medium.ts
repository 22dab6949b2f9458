import { ChatworkService } from '../../src/modules/notifications/chatwork/chatwork.service';
import type { MediumContext } from './medium';

/** The env that points the Chatwork client at the fake (fakes/src/chatwork-fake.js). */
export const chatworkEnv = (fake: { url: string }): Record<string, string> => ({
  CHATWORK_OAUTH_URL: fake.url,
  CHATWORK_TOKEN_URL: `${fake.url}/token`,
  CHATWORK_API_URL: `${fake.url}/v2`,
  CHATWORK_REDIRECT_URI: 'http://localhost:5173/notifications/chatwork/callback',
});

/**
 * The medium tier's way to link an account's Chatwork room: ChatworkService's consent URL → the
 * Chatwork fake's page → 許可 as `chatworkUser` → ChatworkService.completeLink with the redirect's
 * code and state → the room chosen (support/chatwork.ts does the same through the routes).
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
  const html = await (await fetch(await chatwork.startLink(accountId, userId))).text();
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(match[1]!, match[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
  }
  form.set('account_id', chatworkUser);
  form.set('decision', 'allow');
  const res = await fetch(`${fake.url}/packages/oauth2/login.php`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  const back = new URL(res.headers.get('location')!);
  await chatwork.completeLink(
    accountId,
    userId,
    back.searchParams.get('code')!,
    back.searchParams.get('state')!,
  );
  if (roomId) await chatwork.chooseRoom(accountId, roomId);
}
