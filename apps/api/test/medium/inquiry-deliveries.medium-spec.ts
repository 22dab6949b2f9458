import type { AuthUser } from '../../src/common/auth/auth-user';
import { DeliveriesService } from '../../src/modules/notifications/deliveries/deliveries.service';
import { DeliveryService } from '../../src/modules/notifications/deliveries/delivery.service';
import { QueueName } from '../../src/queues/queue-names';
import { startMedium, type MediumContext } from '../support/medium';
import {
  accountWithOwner,
  closeNotifications,
  DELIVERY_PROVIDERS,
  fannedOutInquiry,
  queueOf,
  type Team,
} from '../support/notifications-medium';
import { startTestSmtpSink, type TestSmtpSink } from '../support/smtp-sink';

// R6.4: an inquiry e-mail's delivery attempt by attempt — a temporary refusal leaves it retrying
// with the error, the last attempt's refusal fails it, a resend sends it once more and only a
// failed one can be resent — through DeliveryService and the e-mail adapter to the SMTP sink
// (test/support/smtp-sink.ts), each attempt called as the notify queue's job would. The queue's own
// retries and the resend route are notifications-email.e2e-spec's.

let m: MediumContext;
let sink: TestSmtpSink;
let delivery: DeliveryService;
let deliveries: DeliveriesService;

beforeAll(async () => {
  sink = await startTestSmtpSink();
  m = await startMedium({ providers: DELIVERY_PROVIDERS, env: sink.env });
  delivery = m.get(DeliveryService);
  deliveries = m.get(DeliveriesService);
});
afterAll(async () => {
  await closeNotifications(m);
  await sink?.close();
});

const ownerOf = (team: Team): AuthUser => ({
  userId: team.ownerId,
  accountId: team.accountId,
  role: 'owner',
  audience: 'businesscall-web',
});
const isMailOf = (inquiryId: string) => (mail: { text: string }) =>
  mail.text.includes(`/inquiries/${inquiryId}`);

/** A new inquiry of a new account and its one e-mail delivery (to the owner). */
async function emailDelivery() {
  const team = await accountWithOwner(m);
  const inquiryId = await fannedOutInquiry(m, team.accountId, {
    callerName: '佐藤 一郎',
    callbackRequired: true,
    callbackNumber: '090-1234-5678',
    urgent: true,
  });
  const { items } = await deliveries.list(ownerOf(team), inquiryId);
  expect(items).toHaveLength(1);
  return { team, inquiryId, id: items[0]!.id };
}
const shown = async (team: Team, inquiryId: string) =>
  (await deliveries.list(ownerOf(team), inquiryId)).items[0]!;

describe('attempts of an inquiry e-mail (R6.4)', () => {
  it('is retrying after a 451, failed after a 550 on the last attempt, and sent once by a resend', async () => {
    const { team, inquiryId, id } = await emailDelivery();

    sink.failNext(1, 451, 'Mailbox busy, try later');
    expect(await delivery.deliver(id, { attemptsMade: 0, attempts: 2 })).toMatchObject({ outcome: 'retry' });
    const retrying = await shown(team, inquiryId);
    expect(retrying).toMatchObject({ status: 'retrying', attempts: 1, sentAt: null });
    expect(retrying.lastError).toMatch(/Mailbox busy/);

    sink.failNext(1, 550, 'Mailbox unavailable');
    expect(await delivery.deliver(id, { attemptsMade: 1, attempts: 2 })).toMatchObject({ outcome: 'failed' });
    const failed = await shown(team, inquiryId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, sentAt: null });
    expect(failed.lastError).toMatch(/Mailbox unavailable/);
    expect(sink.messages(team.ownerEmail).filter(isMailOf(inquiryId))).toHaveLength(0);

    // the resend queues it again under its id, with a fresh set of attempts
    await expect(deliveries.resend(ownerOf(team), inquiryId, id)).resolves.toMatchObject({
      id,
      status: 'queued',
    });
    expect(await queueOf(m, QueueName.Notify).getJob(id)).toBeDefined();
    expect(await delivery.deliver(id, { attemptsMade: 0, attempts: 5 })).toEqual({ outcome: 'sent' });
    expect(await shown(team, inquiryId)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    await sink.waitForMail(team.ownerEmail, { timeoutMs: 5_000, match: isMailOf(inquiryId) });

    // only a failed one can be resent; a sent one is not sent again
    await expect(deliveries.resend(ownerOf(team), inquiryId, id)).rejects.toMatchObject({
      code: 'DELIVERY_NOT_FAILED',
    });
    expect(await delivery.deliver(id, { attemptsMade: 0, attempts: 5 })).toEqual({ outcome: 'already-sent' });
    expect(sink.messages(team.ownerEmail).filter(isMailOf(inquiryId))).toHaveLength(1);
  });

  it("refuses another account's inquiry and an unknown delivery", async () => {
    const { team, inquiryId, id } = await emailDelivery();
    const other = await accountWithOwner(m);
    await expect(deliveries.list(ownerOf(other), inquiryId)).rejects.toMatchObject({
      code: 'INQUIRY_NOT_FOUND',
    });
    await expect(deliveries.resend(ownerOf(other), inquiryId, id)).rejects.toMatchObject({
      code: 'INQUIRY_NOT_FOUND',
    });
    await expect(
      deliveries.resend(ownerOf(team), inquiryId, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({ code: 'DELIVERY_NOT_FOUND' });
  });
});
