import { startChatworkFake, type ChatworkFake } from '@bc/fakes/chatwork';
import { ChatworkChannel } from '../../src/modules/notifications/chatwork/chatwork-channel';
import { ChatworkService } from '../../src/modules/notifications/chatwork/chatwork.service';
import { anInquiryDisplay as inquiry, chatworkEnv, linkChatworkInMedium } from '../support/chatwork';
import { startMedium, type MediumContext } from '../support/medium';
import { DeliveryService } from '../../src/modules/notifications/deliveries/delivery.service';
import {
  accountWithOwner,
  closeNotifications,
  DELIVERY_PROVIDERS,
  fannedOutInquiry,
} from '../support/notifications-medium';

// R6.2: the Chatwork channel of a linked account — its target, the message in Chatwork notation
// with the user's text escaped, and what a 429, a 403 / 404, a 5xx or a revoked token come to —
// against ChatworkChannel and the real Chatwork fake (fakes/src/chatwork-fake.js) on a free port.
// Linking through the routes (consent, state, who may link) is chatwork.e2e-spec's; the delivery
// of a recorded inquiry to the room through the worker is notifications-chatwork.e2e-spec's.
// A Chatwork delivery attempt after a worker died is DeliveryService's (the last describe).

let m: MediumContext;
let fake: ChatworkFake;

beforeAll(async () => {
  fake = await startChatworkFake({ port: 0, quiet: true });
  m = await startMedium({ providers: DELIVERY_PROVIDERS, env: chatworkEnv(fake) });
});
afterAll(async () => {
  await closeNotifications(m);
  await fake?.close();
});

const fakeControl = (path: string, body: object = {}) =>
  fetch(`${fake.url}/_fake${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** An account whose owner linked Chatwork user `chatworkUser`, and chose `roomId` if given. */
async function linked(chatworkUser: number, roomId?: string) {
  const team = await accountWithOwner(m);
  await linkChatworkInMedium(m, fake, team.accountId, team.ownerId, String(chatworkUser), roomId);
  return team;
}

describe('ChatworkChannel (R6.2)', () => {
  it('has no target until a room is chosen, then the room', async () => {
    const o = await linked(1003);
    const channel = m.get(ChatworkChannel);
    expect(await channel.targetsFor(o.accountId)).toEqual([]);
    await m.get(ChatworkService).chooseRoom(o.accountId, '2007');
    expect(await channel.targetsFor(o.accountId)).toEqual([{ channel: 'chatwork', target: '2007' }]);
  });

  it('posts the inquiry in [info] notation, user text escaped, form-encoded', async () => {
    const o = await linked(1003, '2006');
    const channel = m.get(ChatworkChannel);
    const result = await channel.send({ accountId: o.accountId, target: '2006' }, inquiry(o.accountId));
    expect(result).toMatchObject({ outcome: 'sent', messageId: expect.stringMatching(/^\d+$/) });
    const res = await fetch(`${fake.url}/_fake/messages?room_id=2006`);
    const messages = (await res.json()) as {
      body: string;
      auth: string;
      account_id: number;
      headers: Record<string, string>;
    }[];
    const last = messages.at(-1)!;
    expect(last.auth).toBe('oauth');
    expect(last.account_id).toBe(1003);
    expect(last.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(
      last.body.startsWith('[info][title]【急ぎ】折り返し必要: 田中商店 田中 一郎 様からのお電話[/title]'),
    ).toBe(true);
    expect(last.body).toContain('お見積りの件 ［toall］ です');
    expect(last.body).not.toContain('[toall]');
    expect(last.body).toContain(`/inquiries/8f0c3b8e-1d2a-4c55-9a51-3f4b6f0e2a10`);
    expect(last.body.endsWith('[/info]')).toBe(true);
  });

  it('answers retry-later with the reset time on 429, failed on 403 / 404', async () => {
    const o = await linked(1001, '2002');
    const channel = m.get(ChatworkChannel);
    await fakeControl('/rate-limit', { perRoom: 1, roomWindowSeconds: 60 });
    try {
      expect(
        (await channel.send({ accountId: o.accountId, target: '2002' }, inquiry(o.accountId))).outcome,
      ).toBe('sent');
      const limited = await channel.send({ accountId: o.accountId, target: '2002' }, inquiry(o.accountId));
      expect(limited.outcome).toBe('retry-later');
      if (limited.outcome !== 'retry-later') throw new Error('unreachable');
      expect(limited.reason).toContain('rate limit');
      expect(limited.retryAt!.getTime()).toBeGreaterThan(Date.now() - 1000);
    } finally {
      await fakeControl('/rate-limit', { perRoom: 10, roomWindowSeconds: 10 });
    }
    expect(
      (await channel.send({ accountId: o.accountId, target: '2007' }, inquiry(o.accountId))).outcome,
    ).toBe('failed');
    expect(
      (await channel.send({ accountId: o.accountId, target: '9999' }, inquiry(o.accountId))).outcome,
    ).toBe('failed');
    expect(
      await channel.send({ accountId: o.accountId, target: '2002' }, inquiry(o.accountId)),
    ).toMatchObject({
      outcome: 'sent',
    });
  });

  it('marks the link broken when a post is refused after a failed refresh, and labels the room', async () => {
    const o = await linked(1003, '2007');
    const channel = m.get(ChatworkChannel);
    expect(await channel.targetLabels(o.accountId)).toEqual(new Map([['2007', '鈴木工務店 連絡']]));
    await fakeControl('/users/1003/revoke');
    const result = await channel.send({ accountId: o.accountId, target: '2007' }, inquiry(o.accountId));
    expect(result.outcome).toBe('failed');
    const status = await m.get(ChatworkService).status(o.accountId);
    expect(status.status).toBe('broken');
    expect(status.brokenReason).toContain('invalid_grant');
  });

  it('answers retry-later on a 5xx and failed when the account has no link', async () => {
    const o = await linked(1002, '2004');
    const channel = m.get(ChatworkChannel);
    await fakeControl('/fail-next', { count: 1, mode: 'error', status: 503, path: '/messages' });
    expect(
      (await channel.send({ accountId: o.accountId, target: '2004' }, inquiry(o.accountId))).outcome,
    ).toBe('retry-later');
    const none = await accountWithOwner(m);
    expect(
      (await channel.send({ accountId: none.accountId, target: '2004' }, inquiry(none.accountId))).outcome,
    ).toBe('failed');
  });
});

describe('a Chatwork delivery (R6.4)', () => {
  it('posts nothing twice when a worker died after Chatwork took the message (the retry looks first)', async () => {
    const team = await linked(1001, '2002');
    const inquiryId = await fannedOutInquiry(m, team.accountId, {
      callerName: '再送 確認',
      content: '一度だけ届くはずです。',
    });
    const [row] = await m.sql<{ id: string }>(
      `SELECT id FROM notification_deliveries WHERE inquiry_id = $1 AND channel = 'chatwork'`,
      [inquiryId],
    );
    const deliveries = m.get(DeliveryService);
    expect(await deliveries.deliver(row!.id, { attemptsMade: 0, attempts: 5 })).toEqual({ outcome: 'sent' });
    // As if the worker was killed between Chatwork's 200 and recording it: the row still says
    // `sending`, and BullMQ runs the job again.
    await m.sql(`UPDATE notification_deliveries SET status = 'sending', sent_at = NULL WHERE id = $1`, [
      row!.id,
    ]);
    expect(await deliveries.deliver(row!.id, { attemptsMade: 1, attempts: 5 })).toEqual({ outcome: 'sent' });
    const [again] = await m.sql(`SELECT status, attempts FROM notification_deliveries WHERE id = $1`, [
      row!.id,
    ]);
    expect(again).toEqual({ status: 'sent', attempts: 2 });
    const messages = (await (await fetch(`${fake.url}/_fake/messages?room_id=2002`)).json()) as {
      body: string;
    }[];
    expect(messages.filter((msg) => msg.body.includes(`/inquiries/${inquiryId}`))).toHaveLength(1);
  });
});
