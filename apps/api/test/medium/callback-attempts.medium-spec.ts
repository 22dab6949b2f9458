import type { AuthUser } from '../../src/common/auth/auth-user';
import { CustomerInquiriesService } from '../../src/modules/inquiries/customer/customer-inquiries.service';
import { insertInquiries } from '../support/inquiries';
import { startMedium, type MediumContext } from '../support/medium';
import { accountWithOwner, closeNotifications, DELIVERY_PROVIDERS } from '../support/notifications-medium';

// R8.7: a call-back attempt's time (not in the future, not before the call) and its markHandled
// (one history entry, however often) against CustomerInquiriesService and its real repositories.
// The route (422 for malformed bodies, 404 for another account, the detail's list, an API key as
// the actor) is inquiry-callbacks.e2e-spec's.

let m: MediumContext;
let inquiries: CustomerInquiriesService;

beforeAll(async () => {
  m = await startMedium({ providers: DELIVERY_PROVIDERS });
  inquiries = m.get(CustomerInquiriesService);
});
afterAll(() => closeNotifications(m));

const HOUR = 60 * 60 * 1000;

async function ownerWithInquiry(receivedAt = new Date(Date.now() - HOUR)) {
  const team = await accountWithOwner(m);
  const owner: AuthUser = {
    userId: team.ownerId,
    accountId: team.accountId,
    role: 'owner',
    audience: 'businesscall-web',
  };
  const [id] = await insertInquiries(m, team.accountId, [{ receivedAt }]);
  return { owner, id: id! };
}
const attemptsOf = (id: string) =>
  m.sql(`SELECT 1 FROM inquiry_callback_attempts WHERE inquiry_id = $1`, [id]);

describe('when the call back was tried (R8.7)', () => {
  it('refuses a time in the future or before the call, naming the field and storing nothing', async () => {
    const receivedAt = new Date(Date.now() - HOUR);
    const { owner, id } = await ownerWithInquiry(receivedAt);
    for (const attemptedAt of [
      new Date(Date.now() + HOUR).toISOString(),
      new Date(receivedAt.getTime() - 60_000).toISOString(),
    ]) {
      await expect(
        inquiries.addCallbackAttempt(owner, id, { outcome: 'reached', attemptedAt }),
      ).rejects.toMatchObject({
        options: { fieldErrors: [expect.objectContaining({ pointer: '/body/attemptedAt' })] },
      });
    }
    expect(await attemptsOf(id)).toHaveLength(0);
  });

  it('accepts the very time of the call, and now by default', async () => {
    const receivedAt = new Date(Date.now() - HOUR);
    const { owner, id } = await ownerWithInquiry(receivedAt);
    const atCall = await inquiries.addCallbackAttempt(owner, id, {
      outcome: 'busy',
      attemptedAt: receivedAt.toISOString(),
    });
    expect(atCall.attemptedAt).toBe(receivedAt.toISOString());
    const before = Date.now();
    const now = await inquiries.addCallbackAttempt(owner, id, { outcome: 'no_answer' });
    expect(new Date(now.attemptedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(now).toMatchObject({
      outcome: 'no_answer',
      note: null,
      actorKind: 'customer',
      actorName: '山田 太郎',
    });
    expect(await attemptsOf(id)).toHaveLength(2);
  });
});

describe('markHandled (R8.7)', () => {
  it('marks the inquiry 対応済み in the same call, naming who did it, and only once', async () => {
    const { owner, id } = await ownerWithInquiry();
    await inquiries.addCallbackAttempt(owner, id, { outcome: 'reached', markHandled: true });
    const detail = await inquiries.detail(owner, id);
    expect(detail.status).toBe('handled');
    expect(detail.statusHistory).toEqual([
      expect.objectContaining({ fromStatus: 'unhandled', toStatus: 'handled', actorName: '山田 太郎' }),
    ]);
    // already handled: nothing more in the history
    await inquiries.addCallbackAttempt(owner, id, { outcome: 'reached', markHandled: true });
    const again = await inquiries.detail(owner, id);
    expect(again.statusHistory).toHaveLength(1);
    expect(again.callbackAttempts).toHaveLength(2);
  });

  it('leaves the status alone for a reached attempt without markHandled', async () => {
    const { owner, id } = await ownerWithInquiry();
    await inquiries.addCallbackAttempt(owner, id, { outcome: 'reached' });
    const detail = await inquiries.detail(owner, id);
    expect(detail.status).toBe('unhandled');
    expect(detail.statusHistory).toEqual([]);
  });
});
