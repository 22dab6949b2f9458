import { NotificationEmailsService } from '../../src/modules/notifications/recipients/notification-emails.service';
import { startMedium, type MediumContext } from '../support/medium';
import {
  accountWithOwner,
  closeNotifications,
  NOTIFICATION_PROVIDERS,
  queuedMails,
} from '../support/notifications-medium';

// R6.1: an account's notification addresses — the single-use, expiring confirmation link, its
// resend at most once a minute, at most ten addresses, no duplicates — against
// NotificationEmailsService and its real repository; the links are read from the mails it queued.
// The routes (status codes, problem bodies, who may call) and the link followed from the mail the
// SMTP sink caught keep their cases in notifications-routing.e2e-spec.

let m: MediumContext;
let emails: NotificationEmailsService;

beforeAll(async () => {
  m = await startMedium({ providers: NOTIFICATION_PROVIDERS });
  emails = m.get(NotificationEmailsService);
});
afterAll(() => closeNotifications(m));

let seq = 0;
const address = (what: string) => `${what}-${++seq}@example.jp`;

/** The confirmation tokens mailed to `to`, oldest first. */
async function mailedTokens(to: string): Promise<string[]> {
  return (await queuedMails(m, to))
    .filter((mail) => mail.template === 'notification-email-confirm')
    .map((mail) => new URL((mail.data as { confirmUrl: string }).confirmUrl).searchParams.get('token')!);
}

const addressRow = async (id: string) =>
  (
    await m.sql<{ token_hash: string }>(`SELECT token_hash FROM notification_email_addresses WHERE id = $1`, [
      id,
    ])
  )[0]!;

describe('the confirmation link (R6.1)', () => {
  it('is mailed on add, confirms once, and is refused when unknown', async () => {
    const { accountId, ownerId } = await accountWithOwner(m);
    const email = address('first');
    const added = await emails.add(accountId, ownerId, email);
    expect(added).toMatchObject({ email, status: 'pending', confirmedAt: null });
    const [token] = await mailedTokens(email);

    await expect(emails.confirm(token!)).resolves.toEqual({ email });
    await expect(emails.confirm(token!)).rejects.toMatchObject({ code: 'CONFIRMATION_USED' });
    await expect(emails.confirm('not-a-real-token')).rejects.toMatchObject({ code: 'CONFIRMATION_INVALID' });
    expect((await emails.list(accountId)).items).toEqual([
      expect.objectContaining({ id: added.id, status: 'confirmed' }),
    ]);
  });

  it('is resent at most once a minute (Retry-After); the old link stops working; it is stored hashed', async () => {
    const { accountId, ownerId } = await accountWithOwner(m);
    const email = address('resend');
    const { id } = await emails.add(accountId, ownerId, email);
    const [oldToken] = await mailedTokens(email);

    const throttled = await emails.resend(accountId, id).catch((err: unknown) => err);
    expect(throttled).toMatchObject({ code: 'RATE_LIMITED' });
    const { headers } = (throttled as { options: { headers: Record<string, string> } }).options;
    expect(Number(headers['Retry-After'])).toBeGreaterThan(0);
    expect(Number(headers['Retry-After'])).toBeLessThanOrEqual(60);
    expect(await mailedTokens(email)).toHaveLength(1);

    await m.sql(
      `UPDATE notification_email_addresses SET confirmation_sent_at = now() - interval '2 minutes' WHERE id = $1`,
      [id],
    );
    await emails.resend(accountId, id);
    const tokens = await mailedTokens(email);
    expect(tokens).toHaveLength(2);
    const newToken = tokens[1]!;
    expect(newToken).not.toBe(oldToken);
    await expect(emails.confirm(oldToken!)).rejects.toMatchObject({ code: 'CONFIRMATION_INVALID' });

    // the token is stored hashed, never as mailed
    const { token_hash } = await addressRow(id);
    expect(token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(token_hash).not.toContain(newToken);
  });

  it('is refused once expired, leaving the address pending', async () => {
    const { accountId, ownerId } = await accountWithOwner(m);
    const email = address('expired');
    const { id } = await emails.add(accountId, ownerId, email);
    const [token] = await mailedTokens(email);
    await m.sql(
      `UPDATE notification_email_addresses SET token_expires_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    await expect(emails.confirm(token!)).rejects.toMatchObject({ code: 'CONFIRMATION_EXPIRED' });
    expect((await emails.list(accountId)).items).toEqual([
      expect.objectContaining({ id, status: 'pending' }),
    ]);
  });

  it('has nothing to resend once the address is confirmed', async () => {
    const { accountId, ownerId } = await accountWithOwner(m);
    const email = address('done');
    const { id } = await emails.add(accountId, ownerId, email);
    await emails.confirm((await mailedTokens(email))[0]!);
    await expect(emails.resend(accountId, id)).rejects.toMatchObject({
      code: 'NOTIFICATION_EMAIL_ALREADY_CONFIRMED',
    });
    expect(await mailedTokens(email)).toHaveLength(1);
  });
});

describe('the list of addresses (R6.1)', () => {
  it('refuses a duplicate, naming the field, and an eleventh address', async () => {
    const { accountId, ownerId } = await accountWithOwner(m);
    const email = address('dup');
    await emails.add(accountId, ownerId, email);
    await expect(emails.add(accountId, ownerId, email)).rejects.toMatchObject({
      code: 'NOTIFICATION_EMAIL_TAKEN',
      options: { fieldErrors: [expect.objectContaining({ pointer: '/body/email' })] },
    });

    for (let i = 0; i < 9; i++) await emails.add(accountId, ownerId, address(`cap${i}`));
    await expect(emails.add(accountId, ownerId, address('eleventh'))).rejects.toMatchObject({
      code: 'NOTIFICATION_EMAIL_LIMIT_REACHED',
    });
    const list = await emails.list(accountId);
    expect(list.max).toBe(10);
    expect(list.items).toHaveLength(10);
  });

  it('lists in the order added with each status, and the owner as the fallback while none is confirmed', async () => {
    const { accountId, ownerId, ownerEmail } = await accountWithOwner(m);
    const [first, second, pending] = [address('a'), address('b'), address('pending')];
    for (const email of [first, second, pending]) await emails.add(accountId, ownerId, email);
    expect(await emails.defaultRecipients(accountId)).toEqual({ addresses: [ownerEmail], source: 'owner' });

    for (const email of [first, second]) await emails.confirm((await mailedTokens(email))[0]!);
    const list = await emails.list(accountId);
    expect(list.items.map((i) => [i.email, i.status])).toEqual([
      [first, 'confirmed'],
      [second, 'confirmed'],
      [pending, 'pending'],
    ]);
    expect(list).toMatchObject({ fallbackAddress: ownerEmail, fallbackSource: 'owner' });
    expect(await emails.defaultRecipients(accountId)).toEqual({
      addresses: [first, second],
      source: 'confirmed',
    });
  });

  it("removes only the account's own address", async () => {
    const mine = await accountWithOwner(m);
    const other = await accountWithOwner(m);
    const { id } = await emails.add(mine.accountId, mine.ownerId, address('owned'));
    await expect(emails.remove(other.accountId, id)).rejects.toMatchObject({
      code: 'NOTIFICATION_EMAIL_NOT_FOUND',
    });
    await expect(emails.resend(other.accountId, id)).rejects.toMatchObject({
      code: 'NOTIFICATION_EMAIL_NOT_FOUND',
    });
    expect((await emails.list(mine.accountId)).items).toHaveLength(1);
    await emails.remove(mine.accountId, id);
    await expect(emails.remove(mine.accountId, id)).rejects.toMatchObject({
      code: 'NOTIFICATION_EMAIL_NOT_FOUND',
    });
    expect((await emails.list(mine.accountId)).items).toHaveLength(0);
  });
});
