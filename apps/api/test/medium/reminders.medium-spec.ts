import { QueueName } from '../../src/queues/queue-names';
import { remindJobId, RemindersService } from '../../src/modules/notifications/reminders/reminders.service';
import { WebhookEndpointsService } from '../../src/modules/notifications/webhooks/webhook-endpoints.service';
import { startMedium, type MediumContext } from '../support/medium';
import {
  accountWithOwner,
  closeNotifications,
  deliveryRows,
  fannedOutInquiry,
  NOTIFICATION_PROVIDERS,
  queueOf,
} from '../support/notifications-medium';
import { insertInquiries, type InquirySeed } from '../support/inquiries';

// R8.2: the call-back reminder — when it is scheduled (折り返し必要, unhandled, after the account's
// own time, never when turned off) and whom it reminds (the channels that heard of the inquiry,
// once) — against RemindersService with its real repositories and a notify queue with no worker
// behind it. Its delivery through the worker to the SMTP sink, and the setting's route, are
// notifications-reminders.e2e-spec's.

let m: MediumContext;
let reminders: RemindersService;

beforeAll(async () => {
  m = await startMedium({ providers: NOTIFICATION_PROVIDERS, env: { WEBHOOK_ALLOW_LOOPBACK: 'true' } });
  reminders = m.get(RemindersService);
});
afterAll(() => closeNotifications(m));

const MINUTE = 60_000;
const RECEIVED = new Date('2026-12-01T01:00:00Z');
const CALLBACK: InquirySeed = { callbackRequired: true, callbackNumber: '090-1234-5678', urgent: true };

/** Inserts the inquiry and schedules its reminder as the fan-out does, `minutesLater` after the call. */
async function scheduled(accountId: string, seed: InquirySeed, minutesLater = 0) {
  const [inquiryId] = await insertInquiries(m, accountId, [{ receivedAt: RECEIVED, ...seed }]);
  const done = await reminders.schedule(
    {
      inquiryId: inquiryId!,
      accountId,
      callbackRequired: seed.callbackRequired ?? false,
      urgent: seed.urgent ?? false,
      category: 'normal',
      receivedAt: RECEIVED.toISOString(),
    },
    new Date(RECEIVED.getTime() + minutesLater * MINUTE),
  );
  const job = await queueOf(m, QueueName.Notify).getJob(remindJobId(inquiryId!));
  return { inquiryId: inquiryId!, done, job };
}

describe('scheduling the reminder (R8.2)', () => {
  it('is a delayed job due 2 hours after the call by default', async () => {
    const { accountId } = await accountWithOwner(m);
    const { done, job } = await scheduled(accountId, CALLBACK);
    expect(done).toBe(true);
    expect(await job!.getState()).toBe('delayed');
    expect(job!.opts.delay).toBe(120 * MINUTE);
    expect(job!.data).toMatchObject({ accountId });
  });

  it('counts from the call, not from when the fan-out ran', async () => {
    const { accountId } = await accountWithOwner(m);
    expect((await scheduled(accountId, CALLBACK, 5)).job!.opts.delay).toBe(115 * MINUTE);
  });

  it("uses the account's own time once it is changed", async () => {
    const { accountId } = await accountWithOwner(m);
    await reminders.updateSettings(accountId, 30);
    expect((await scheduled(accountId, CALLBACK)).job!.opts.delay).toBe(30 * MINUTE);
  });

  it.each<[what: string, seed: InquirySeed, minutes: number | null]>([
    ['入電のみ', { callbackRequired: false }, null],
    ['an inquiry already handled', { ...CALLBACK, status: 'handled' }, null],
    ['reminders turned off (0)', CALLBACK, 0],
  ])('is not scheduled for %s', async (_what, seed, minutes) => {
    const { accountId } = await accountWithOwner(m);
    if (minutes !== null) await reminders.updateSettings(accountId, minutes);
    const { done, job } = await scheduled(accountId, seed);
    expect(done).toBe(false);
    expect(job).toBeUndefined();
  });
});

describe('the reminder when due (R8.2)', () => {
  it('reminds on the channels that heard of the inquiry, webhooks excepted, and once only', async () => {
    const team = await accountWithOwner(m);
    const hook = await m.get(WebhookEndpointsService).create(team.accountId, team.ownerId, {
      kind: 'webhook',
      url: 'http://127.0.0.1:9/hooks/reminders',
      events: ['inquiry.created'],
    });
    const inquiryId = await fannedOutInquiry(m, team.accountId, CALLBACK);
    expect((await deliveryRows(m, inquiryId)).map((d) => d.target)).toContain(hook.id);

    await expect(reminders.remind(team.accountId, inquiryId)).resolves.toBe('reminded');
    const reminded = [{ channel: 'email', target: team.ownerEmail }];
    expect(await deliveryRows(m, inquiryId, 'reminder')).toEqual(reminded);

    // the job run again (a replay): no second reminder
    await expect(reminders.remind(team.accountId, inquiryId)).resolves.toBe('reminded');
    expect(await deliveryRows(m, inquiryId, 'reminder')).toEqual(reminded);
  });

  it('reminds nobody when the inquiry was handled before its time, or belongs to another account', async () => {
    const team = await accountWithOwner(m);
    const other = await accountWithOwner(m);
    const inquiryId = await fannedOutInquiry(m, team.accountId, CALLBACK);
    await expect(reminders.remind(other.accountId, inquiryId)).resolves.toBe('gone');
    await m.sql(`UPDATE inquiries SET status = 'handled' WHERE id = $1`, [inquiryId]);
    await expect(reminders.remind(team.accountId, inquiryId)).resolves.toBe('handled');
    expect(await deliveryRows(m, inquiryId, 'reminder')).toEqual([]);
  });
});

describe('the reminder setting', () => {
  it("defaults to 120 minutes; a change is the account's own", async () => {
    const mine = await accountWithOwner(m);
    const other = await accountWithOwner(m);
    expect(await reminders.settings(mine.accountId)).toEqual({
      callbackReminderMinutes: 120,
      isDefault: true,
    });
    expect(await reminders.updateSettings(mine.accountId, 45)).toEqual({
      callbackReminderMinutes: 45,
      isDefault: false,
    });
    expect(await reminders.settings(other.accountId)).toEqual({
      callbackReminderMinutes: 120,
      isDefault: true,
    });
  });
});
