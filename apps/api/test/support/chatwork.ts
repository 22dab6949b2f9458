import type { TestApp } from './test-app';

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
  const html = await (await fetch(link.body.url as string)).text();
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
  const back = new URL(res.headers.get('location')!);
  await t
    .http()
    .post('/api/v1/chatwork/callback')
    .set('authorization', bearer)
    .send({ code: back.searchParams.get('code'), state: back.searchParams.get('state') })
    .expect(200);
  await t.http().put('/api/v1/chatwork/room').set('authorization', bearer).send({ roomId }).expect(200);
}
