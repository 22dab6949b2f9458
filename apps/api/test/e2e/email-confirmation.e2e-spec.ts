import { getQueueToken } from '@nestjs/bullmq';
import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/queues/queue-names';
import { RedisService } from '../../src/redis/redis.service';
import type { MailJobData } from '../../src/modules/notifications/mail.types';
import { startTestApp, type TestApp } from '../support/test-app';
import { GOOD_PASSWORD, refreshCookie, uniqueEmail } from '../support/auth-helpers';

/**
 * R1.1: sign-up mails a confirmation link; following it confirms the address and logs in. These
 * tests read the mail jobs the API queued (no worker runs here); mail.e2e-spec covers the way from
 * the queue to an SMTP server.
 */
let t: TestApp;
let mailQueue: Queue<MailJobData>;
beforeAll(async () => {
  t = await startTestApp({ WEB_APP_URL: 'https://app.example.jp' });
  mailQueue = t.app.get<Queue<MailJobData>>(getQueueToken(QueueName.Mail));
});
afterAll(() => t.close());

async function mailsTo(email: string): Promise<MailJobData[]> {
  const jobs = await mailQueue.getJobs([
    'waiting',
    'delayed',
    'active',
    'completed',
    'failed',
    'prioritized',
  ]);
  return jobs.filter((j) => j.data.to === email).map((j) => j.data);
}

function tokenOf(mail: MailJobData): string {
  const url = new URL((mail.data as { confirmUrl: string }).confirmUrl);
  expect(`${url.origin}${url.pathname}`).toBe('https://app.example.jp/confirm-email');
  return url.searchParams.get('token')!;
}

async function signUp(email = uniqueEmail('confirm')) {
  await t
    .http()
    .post('/api/v1/auth/signup')
    .send({ email, password: GOOD_PASSWORD, accountType: 'individual', name: '確認 太郎' })
    .expect(201);
  const mails = await mailsTo(email);
  expect(mails).toHaveLength(1);
  expect(mails[0]).toMatchObject({
    template: 'confirm-email',
    data: { name: '確認 太郎', expiresInHours: 24 },
  });
  return { email, token: tokenOf(mails[0]) };
}

it('confirms the address with the mailed link, logs the owner in, and then lets them log in', async () => {
  const { email, token } = await signUp();
  const res = await t.http().post('/api/v1/auth/confirm-email').send({ token }).expect(200);
  expect(res.body.user).toMatchObject({ email, role: 'owner' });
  expect(refreshCookie(res.headers)).toMatch(/^bc_refresh=/);
  await t.http().get('/api/v1/me').set('authorization', `Bearer ${res.body.accessToken}`).expect(200);
  await t.http().post('/api/v1/auth/login').send({ email, password: GOOD_PASSWORD }).expect(200);
});

it('says plainly when a link was already used, is unknown, or has expired', async () => {
  const { token } = await signUp();
  await t.http().post('/api/v1/auth/confirm-email').send({ token }).expect(200);
  const again = await t.http().post('/api/v1/auth/confirm-email').send({ token }).expect(409);
  expect(again.body.code).toBe('CONFIRMATION_USED');
  const unknown = await t
    .http()
    .post('/api/v1/auth/confirm-email')
    .send({ token: 'made-up-token' })
    .expect(404);
  expect(unknown.body.code).toBe('CONFIRMATION_INVALID');

  const late = await signUp();
  await t.database.dataSource.query(
    `UPDATE email_confirmations SET expires_at = now() - interval '1 minute' WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
    [late.email],
  );
  const expired = await t.http().post('/api/v1/auth/confirm-email').send({ token: late.token }).expect(410);
  expect(expired.body.code).toBe('CONFIRMATION_EXPIRED');
  await t.http().post('/api/v1/auth/login').send({ email: late.email, password: GOOD_PASSWORD }).expect(403);
});

it('confirms once when the link is followed twice at the same time', async () => {
  const { token } = await signUp();
  const results = await Promise.all(
    [1, 2, 3].map(() => t.http().post('/api/v1/auth/confirm-email').send({ token })),
  );
  expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
});

it('mails a new link on request, at most once a minute, and the new link works', async () => {
  const { email } = await signUp();
  await t.http().post('/api/v1/auth/resend-confirmation').send({ email }).expect(202);
  await t.http().post('/api/v1/auth/resend-confirmation').send({ email: email.toUpperCase() }).expect(202);
  const mails = await mailsTo(email);
  expect(mails).toHaveLength(2); // the sign-up mail and one resend: the second ask was within the minute
  const newest = tokenOf(mails.find((m) => tokenOf(m) !== tokenOf(mails[0])) ?? mails[1]);
  await t.http().post('/api/v1/auth/confirm-email').send({ token: newest }).expect(200);
});

it('answers a resend the same way for unknown and already confirmed addresses, and mails nothing', async () => {
  const unknown = uniqueEmail('nobody');
  await t.http().post('/api/v1/auth/resend-confirmation').send({ email: unknown }).expect(202);
  expect(await mailsTo(unknown)).toHaveLength(0);
  const { email, token } = await signUp();
  await t.http().post('/api/v1/auth/confirm-email').send({ token }).expect(200);
  // the once-a-minute throttle would hide the answer: clear it as if the minute had passed
  const redis = t.app.get(RedisService);
  await redis.client.del(redis.key('confirm-resend', createHash('sha256').update(email).digest('hex')));
  await t.http().post('/api/v1/auth/resend-confirmation').send({ email }).expect(202);
  expect(await mailsTo(email)).toHaveLength(1);
});

it('refuses a resend without an address (422)', async () => {
  const res = await t.http().post('/api/v1/auth/resend-confirmation').send({}).expect(422);
  expect(res.body.errors[0].pointer).toBe('/body/email');
});

describe('signing up with an address that is already registered (ASVS 6.6)', () => {
  const signUpWith = (email: string, name = '別人 次郎') =>
    t.http().post('/api/v1/auth/signup').send({
      email,
      password: 'another-long-pass-2026',
      accountType: 'corporation',
      companyName: '株式会社別',
      name,
    });

  it('answers exactly as for a new address, creates nothing, and mails the owner a notice instead', async () => {
    const { email, token } = await signUp();
    await t.http().post('/api/v1/auth/confirm-email').send({ token }).expect(200);
    const accountsBefore = await t.database.dataSource.query('SELECT count(*)::int AS n FROM accounts');

    const fresh = await signUpWith(uniqueEmail('fresh'));
    const taken = await signUpWith(email.toUpperCase());
    expect(taken.status).toBe(fresh.status);
    expect(taken.status).toBe(201);
    expect(Object.keys(taken.body)).toEqual(Object.keys(fresh.body));
    expect(taken.body).toEqual({ email, status: 'confirmation_sent' });

    const accountsAfter = await t.database.dataSource.query('SELECT count(*)::int AS n FROM accounts');
    expect(accountsAfter[0].n).toBe(accountsBefore[0].n + 1); // only the fresh one
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.template).sort()).toEqual(['confirm-email', 'signup-existing-account']);
    expect(mails.find((m) => m.template === 'signup-existing-account')?.data).toEqual({
      name: '確認 太郎',
      loginUrl: 'https://app.example.jp/login',
    });

    // a second attempt within the interval does not mail again (no mailbox flooding)
    await signUpWith(email).expect(201);
    expect(await mailsTo(email)).toHaveLength(2);
    // and the owner's password still works
    await t.http().post('/api/v1/auth/login').send({ email, password: GOOD_PASSWORD }).expect(200);
  });

  it('sends an owner who never confirmed a fresh confirmation link', async () => {
    const { email } = await signUp();
    await signUpWith(email).expect(201);
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.template)).toEqual(['confirm-email', 'confirm-email']);
  });

  it('takes about as long as a new sign-up', async () => {
    const { email } = await signUp();
    const time = async (address: string) => {
      const started = process.hrtime.bigint();
      await signUpWith(address).expect(201);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const fresh: number[] = [];
    const taken: number[] = [];
    for (let i = 0; i < 5; i++) {
      fresh.push(await time(uniqueEmail('timing')));
      taken.push(await time(email));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Both hash the password (argon2id, the bulk of the time) and write to PostgreSQL; a taken
    // address must not answer in a fraction of the time. Generous bounds: the machine is shared.
    expect(median(taken)).toBeGreaterThan(median(fresh) * 0.5);
    expect(median(taken)).toBeLessThan(median(fresh) * 2);
  });
});
