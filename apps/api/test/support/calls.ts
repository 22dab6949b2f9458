import { signUpCustomer } from './auth-helpers';
import type { TestApp } from './test-app';
import {
  TELEPHONY_PATHS,
  newCallSid,
  signWebhook,
  voiceWebhookParams,
} from '../../src/modules/calls/twilio-webhook';

// From a ringing phone to a recorded inquiry through the real routes: the signed Twilio webhook,
// the operator's claim and the inquiry form. For tests of what happens after an inquiry exists.

const bearer = (token: string) => `Bearer ${token}`;

/** Reception open all day, every day, so the test passes at any hour (admin route). */
export async function openReceptionAllDay(t: TestApp, adminToken: string): Promise<void> {
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
  await t
    .http()
    .put('/api/v1/admin/reception-schedule')
    .set('authorization', bearer(adminToken))
    .send({ weekly, closedDates: [], closedOnPublicHolidays: false, closedYearEnd: false })
    .expect(200);
}

export interface ActiveCustomer {
  accountId: string;
  /** The owner's user id. */
  userId: string;
  /** The owner's access token. */
  token: string;
  /** The issued number, E.164. */
  e164: string;
  /** The owner's login address, lower case. */
  owner: string;
}

export interface IssuedNumber {
  /** as staff type it, 03-xxxx-xxxx */
  national: string;
  e164: string;
}

// one process's numbers never repeat (a random start keeps files apart in a shared database)
let numberSeq = Math.floor(Math.random() * 9_000_000);

/**
 * Issues a fresh 03 number to an account as staff do (admin routes: the number added to the
 * pool, then issued to the account), the account first made ready for it.
 */
export async function issueNumber(t: TestApp, adminToken: string, accountId: string): Promise<IssuedNumber> {
  await t.database.dataSource.query(`UPDATE accounts SET state = 'ready_for_number' WHERE id = $1`, [
    accountId,
  ]);
  numberSeq = (numberSeq + 1) % 10_000_000;
  const digits = `7${String(numberSeq).padStart(7, '0')}`;
  const number = { national: `03-${digits.slice(0, 4)}-${digits.slice(4)}`, e164: `+813${digits}` };
  await t
    .http()
    .post('/api/v1/admin/numbers')
    .set('authorization', bearer(adminToken))
    .send({ numbers: [number.national] })
    .expect(200);
  const [{ id: numberId }]: { id: string }[] = await t.database.dataSource.query(
    `SELECT id FROM phone_numbers WHERE e164 = $1`,
    [number.e164],
  );
  await t
    .http()
    .post(`/api/v1/admin/accounts/${accountId}/number`)
    .set('authorization', bearer(adminToken))
    .send({ numberId })
    .expect(201);
  return number;
}

/** A customer whose owner signed up and got a fresh 03 number issued (admin routes). */
export async function activeCustomer(
  t: TestApp,
  adminToken: string,
  overrides: Record<string, unknown> = {},
): Promise<ActiveCustomer> {
  const { body, session } = await signUpCustomer(t, overrides);
  const accountId = session.user.account.id;
  const { e164 } = await issueNumber(t, adminToken, accountId);
  return {
    accountId,
    userId: session.user.id,
    token: session.accessToken,
    e164,
    owner: String(body.email).toLowerCase(),
  };
}

/** A call rings `to`, the operator takes it and records the inquiry; returns the inquiry id. */
export async function recordInquiryFromCall(
  t: TestApp,
  opts: { twilioToken: string; publicBaseUrl: string; operatorToken: string; to: string },
  fields: Record<string, unknown>,
): Promise<string> {
  const callSid = newCallSid();
  const params = voiceWebhookParams({ callSid, from: '+819012345678', to: opts.to });
  await t
    .http()
    .post(TELEPHONY_PATHS.voice)
    .set('content-type', 'application/x-www-form-urlencoded')
    .set(
      'x-twilio-signature',
      signWebhook(opts.twilioToken, opts.publicBaseUrl + TELEPHONY_PATHS.voice, params),
    )
    .send(new URLSearchParams(params).toString())
    .expect(200);
  const [{ id }]: { id: string }[] = await t.database.dataSource.query(
    `SELECT id FROM calls WHERE call_sid = $1`,
    [callSid],
  );
  await t
    .http()
    .post(`/api/v1/operator/calls/${id}/claim`)
    .set('authorization', bearer(opts.operatorToken))
    .expect(200);
  const res = await t
    .http()
    .post(`/api/v1/operator/calls/${id}/inquiry`)
    .set('authorization', bearer(opts.operatorToken))
    .send({ category: 'normal', ...fields })
    .expect(201);
  return res.body.id as string;
}
