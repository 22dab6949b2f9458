import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AddressInfo } from 'node:net';
import { stripeSignatureHeader } from '@bc/fakes/payment-sandbox';
import { PinoNestLogger, createRootLogger } from '../../src/common/logging/logger';
import { QueueName } from '../../src/queues/queue-names';
import { WorkerModule } from '../../src/worker.module';
import { memberSession, signUpCustomer, staffSession } from '../support/auth-helpers';
import {
  startTestPaymentSandbox,
  SANDBOX_PUBLISHABLE_KEY,
  type TestPaymentSandbox,
} from '../support/payment-sandbox';
import { insertPlan, startRun, waitForRun } from '../support/billing';
import { eventually } from '../support/eventually';
import { startTestApp, testConfig, type TestApp } from '../support/test-app';

// Issue 17 through the API and the payment sandbox (Stripe's SetupIntents, PaymentIntents, 3-D
// Secure and signed events): card registration in the provider's fields, refused brands, other
// accounts' SetupIntents, the webhook's signature and replays, and monthly charges that need the
// cardholder or are declined.

jest.setTimeout(60_000);

const WEBHOOK_SECRET = 'whsec_e2e_payments';
const WEB_APP = 'http://localhost:5173';
const VISA = '4242424242424242';
const THREE_DS_ON_SETUP = '4000002500003155';
const THREE_DS_ALWAYS = '4000002760003184';
const INSUFFICIENT_FUNDS = '4000000000009995';
const UNIONPAY = '6200000000000005';

let t: TestApp;
let worker: INestApplicationContext;
let sandbox: TestPaymentSandbox;
let admin: string;
let webhookUrl: string;

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);

beforeAll(async () => {
  sandbox = await startTestPaymentSandbox();
  const env = { ...sandbox.env, PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET, WEB_APP_URL: WEB_APP };
  t = await startTestApp(env);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  webhookUrl = `http://127.0.0.1:${port}/api/v1/payments/webhook`;
  sandbox.setWebhook(webhookUrl, WEBHOOK_SECRET);
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig(t.db, env)), {
    logger: new PinoNestLogger(createRootLogger('silent', 'worker')),
  });
  admin = (await staffSession(t, 'admin')).accessToken;
});
afterAll(async () => {
  sandbox?.setWebhook(null);
  await worker?.close();
  await t?.close();
  await sandbox?.close();
});

interface Owner {
  token: string;
  accountId: string;
}

async function owner(): Promise<Owner> {
  const { session } = await signUpCustomer(t);
  return { token: session.accessToken, accountId: session.user.account.id };
}

const startSetup = (o: Owner) =>
  t.http().post('/api/v1/account/card/setup').set('authorization', bearer(o.token));
const completeSetup = (o: Owner, setupIntentId: string) =>
  t
    .http()
    .post('/api/v1/account/card/setup/complete')
    .set('authorization', bearer(o.token))
    .send({ setupIntentId });

/** What the sandbox's card fields do in the iframe: the card goes to the provider, never to our API. */
const confirmInCardFields = (clientSecret: string, number: string) =>
  sandbox.confirmInCardFields(clientSecret, { number, expMonth: 8, expYear: new Date().getFullYear() + 4 });

/** The cardholder on the sandbox's 3-D Secure page: GET it, press Complete or Fail; where it sends them. */
async function challenge(url: string, result: 'complete' | 'fail'): Promise<URL> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const u = new URL(url);
  const done = await fetch(`${u.origin}${u.pathname}`, {
    method: 'POST',
    body: new URLSearchParams({ client_secret: u.searchParams.get('client_secret')!, result }),
    redirect: 'manual',
  });
  expect(done.status).toBe(303);
  return new URL(done.headers.get('location')!);
}

/** Registers a card through SetupIntents, completing 3-D Secure when asked. */
async function registerCard(o: Owner, number: string) {
  const setup = (await startSetup(o).expect(201)).body;
  const si = await confirmInCardFields(setup.clientSecret, number);
  if (si.status === 'requires_action') await challenge(si.next_action.redirect_to_url.url, 'complete');
  return (await completeSetup(o, setup.setupIntentId).expect(200)).body;
}

const cardRow = async (accountId: string) =>
  (await sql(`SELECT * FROM payment_methods WHERE account_id = $1`, [accountId]))[0] ?? null;
const historyKinds = async (accountId: string) =>
  (
    await sql<{ kind: string }>(`SELECT kind FROM account_history WHERE account_id = $1 ORDER BY id`, [
      accountId,
    ])
  ).map((h) => h.kind);

/** Waits until every event the sandbox made about `objectId` was delivered (answered 2xx). */
async function eventsDelivered(objectId: string, count: number) {
  const mine = () => sandbox.events().filter((e) => e.objectId === objectId);
  return eventually(mine, (m) => m.length >= count && m.every((e) => e.deliveries.includes(200)), {
    timeoutMs: 5_000,
    what: `the events of ${objectId} delivered`,
  });
}

describe('registering a card with a SetupIntent (R1.5, R7.2)', () => {
  it('a card without 3-D Secure: set up, confirmed in the provider’s fields, stored as pm id, brand, last 4, expiry', async () => {
    const o = await owner();
    const setup = (await startSetup(o).expect(201)).body;
    expect(setup).toMatchObject({
      setupIntentId: expect.stringMatching(/^seti_/),
      clientSecret: expect.stringMatching(/^seti_\w+_secret_/),
      cardFields: {
        adapter: 'sandbox',
        publishableKey: SANDBOX_PUBLISHABLE_KEY,
        url: `${sandbox.url}/elements/card-fields`,
      },
    });
    expect(setup.acceptedBrands.map((b: { code: string }) => b.code)).toEqual([
      'visa',
      'mastercard',
      'jcb',
      'amex',
      'diners',
      'discover',
    ]);
    const si = sandbox.setupIntent(setup.setupIntentId)!;
    const [customer] = await sql<{ provider_customer_id: string }>(
      `SELECT provider_customer_id FROM payment_customers WHERE account_id = $1`,
      [o.accountId],
    );
    expect(si.customer).toBe(customer.provider_customer_id);
    expect(sandbox.requests().find((r) => r.path === '/v1/setup_intents')?.params).toMatchObject({
      usage: 'off_session',
      customer: customer.provider_customer_id,
    });

    const confirmed = await confirmInCardFields(setup.clientSecret, VISA);
    expect(confirmed.status).toBe('succeeded');
    const card = (await completeSetup(o, setup.setupIntentId).expect(200)).body;
    expect(card).toMatchObject({
      brand: 'visa',
      brandName: 'Visa',
      last4: '4242',
      expMonth: 8,
      expired: false,
    });

    const row = await cardRow(o.accountId);
    expect(row).toMatchObject({
      provider_payment_method_id: confirmed.payment_method,
      provider_customer_id: customer.provider_customer_id,
      brand: 'visa',
      last4: '4242',
      exp_month: 8,
    });
    expect(Object.keys(row!)).not.toContain('funding');
    const everything = JSON.stringify(await sql(`SELECT * FROM payment_methods`));
    expect(everything).not.toContain(VISA);
    // the API never received the card: no call of ours carried the number
    expect(JSON.stringify(sandbox.requests().filter((r) => r.keyKind === 'secret'))).not.toContain(
      '4242424242',
    );

    // the provider's event arrives too, and changes nothing more
    await eventsDelivered(setup.setupIntentId, 1);
    expect((await historyKinds(o.accountId)).filter((k) => k.startsWith('card.'))).toEqual([
      'card.registered',
    ]);
    const events = await sql(
      `SELECT type FROM outbox_events WHERE type = 'payment_method.changed' AND payload->>'accountId' = $1`,
      [o.accountId],
    );
    expect(events).toHaveLength(1);
  });

  it('a card that needs 3-D Secure: not complete until the challenge, then registered', async () => {
    const o = await owner();
    const setup = (await startSetup(o).expect(201)).body;
    const si = await confirmInCardFields(setup.clientSecret, THREE_DS_ON_SETUP);
    expect(si.status).toBe('requires_action');
    const pending = await completeSetup(o, setup.setupIntentId).expect(409);
    expect(pending.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(pending.body.code).toBe('CARD_SETUP_INCOMPLETE');
    expect(await cardRow(o.accountId)).toBeNull();

    const back = await challenge(si.next_action.redirect_to_url.url, 'complete');
    expect(`${back.origin}${back.pathname}`).toBe(`${WEB_APP}/card`);
    expect(back.searchParams.get('setup_intent')).toBe(setup.setupIntentId);
    expect(back.searchParams.get('redirect_status')).toBe('succeeded');
    const card = (await completeSetup(o, setup.setupIntentId).expect(200)).body;
    expect(card).toMatchObject({ brand: 'visa', last4: '3155' });
  });

  it('a failed 3-D Secure challenge: a clear refusal and nothing stored', async () => {
    const o = await owner();
    const setup = (await startSetup(o).expect(201)).body;
    const si = await confirmInCardFields(setup.clientSecret, THREE_DS_ALWAYS);
    const back = await challenge(si.next_action.redirect_to_url.url, 'fail');
    expect(back.searchParams.get('redirect_status')).toBe('failed');
    const res = await completeSetup(o, setup.setupIntentId).expect(422);
    expect(res.body.code).toBe('CARD_AUTHENTICATION_FAILED');
    await eventsDelivered(setup.setupIntentId, 2);
    expect(await cardRow(o.accountId)).toBeNull();
    await t.http().get('/api/v1/account/card').set('authorization', bearer(o.token)).expect(404);
    expect((await historyKinds(o.accountId)).filter((k) => k.startsWith('card.'))).toEqual([]);
  });

  it('a refused brand (UnionPay): 422 with the accepted list, nothing stored, the card taken off the customer', async () => {
    const o = await owner();
    const setup = (await startSetup(o).expect(201)).body;
    const si = await confirmInCardFields(setup.clientSecret, UNIONPAY);
    expect(si.status).toBe('succeeded');
    // the provider's event (setup succeeded) is handled first: it stores nothing and detaches the card
    await eventsDelivered(setup.setupIntentId, 1);
    expect(await cardRow(o.accountId)).toBeNull();
    // the customer's call that follows still hears why
    const res = await completeSetup(o, setup.setupIntentId).expect(422);
    expect(res.body.code).toBe('CARD_BRAND_NOT_ACCEPTED');
    expect(res.body.detail).toContain('Visa, Mastercard, JCB, American Express, Diners Club, Discover');
    expect(await cardRow(o.accountId)).toBeNull();
    expect(sandbox.paymentMethod(si.payment_method)!.customer).toBeNull();
  });

  it("another account's SetupIntent: 404, nothing attached to either account", async () => {
    const a = await owner();
    const b = await owner();
    const setupA = (await startSetup(a).expect(201)).body;
    await confirmInCardFields(setupA.clientSecret, VISA);
    await startSetup(b).expect(201);
    const res = await completeSetup(b, setupA.setupIntentId).expect(404);
    expect(res.body.code).toBe('CARD_SETUP_NOT_FOUND');
    expect(await cardRow(b.accountId)).toBeNull();
    // one that does not exist answers the same; a payment method id is not a SetupIntent's (422)
    expect((await completeSetup(b, 'seti_doesnotexist123').expect(404)).body.code).toBe(
      'CARD_SETUP_NOT_FOUND',
    );
    await completeSetup(b, 'pm_notasetupintent').expect(422);
    // an account without a provider customer yet gets the same 404
    const c = await owner();
    await completeSetup(c, setupA.setupIntentId).expect(404);
    // A's own registration is unaffected
    await eventsDelivered(setupA.setupIntentId, 1);
    expect((await cardRow(a.accountId))?.last4).toBe('4242');
  });

  it('a provider customer the provider forgot (the sandbox restarted) is replaced on the next set-up', async () => {
    const o = await owner();
    await startSetup(o).expect(201);
    await sql(`UPDATE payment_customers SET provider_customer_id = 'cus_forgotten' WHERE account_id = $1`, [
      o.accountId,
    ]);
    const card = await registerCard(o, VISA);
    expect(card.last4).toBe('4242');
    const [row] = await sql<{ provider_customer_id: string }>(
      `SELECT provider_customer_id FROM payment_customers WHERE account_id = $1`,
      [o.accountId],
    );
    expect(row.provider_customer_id).toMatch(/^cus_/);
    expect(row.provider_customer_id).not.toBe('cus_forgotten');
    expect((await cardRow(o.accountId))?.provider_customer_id).toBe(row.provider_customer_id);
  });

  it('only the owner, with a session, registers a card', async () => {
    const o = await owner();
    const setup = (await startSetup(o).expect(201)).body;
    await confirmInCardFields(setup.clientSecret, VISA);
    const member = { token: (await memberSession(t, o.accountId)).token, accountId: o.accountId };
    expect((await startSetup(member).expect(403)).body.code).toBe('FORBIDDEN');
    await completeSetup(member, setup.setupIntentId).expect(403);
    await t.http().post('/api/v1/account/card/setup').expect(401);
  });
});

describe('the provider webhook (POST /api/v1/payments/webhook)', () => {
  const post = (body: string, signature?: string) => {
    const req = t.http().post('/api/v1/payments/webhook').set('content-type', 'application/json');
    if (signature) void req.set('stripe-signature', signature);
    return req.send(body);
  };

  /** A set-up that succeeded at the provider, whose page was closed before our API heard of it. */
  async function abandonedSetup() {
    const o = await owner();
    const setup = (await startSetup(o).expect(201)).body;
    sandbox.setWebhook(null); // the sandbox's own event is held back: this test sends it
    try {
      await confirmInCardFields(setup.clientSecret, VISA);
    } finally {
      sandbox.setWebhook(webhookUrl, WEBHOOK_SECRET);
    }
    const si = sandbox.setupIntent(setup.setupIntentId)!;
    const body = JSON.stringify({
      id: `evt_${setup.setupIntentId.slice(5)}`,
      object: 'event',
      type: 'setup_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: si.id, object: 'setup_intent', customer: si.customer, status: 'succeeded' } },
    });
    return { o, body };
  }

  it('refuses a wrong, a missing or a stale signature with 400, changing nothing', async () => {
    const { o, body } = await abandonedSetup();
    const wrong = await post(body, stripeSignatureHeader(body, 'whsec_someone_else')).expect(400);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body.code).toBe('PAYMENT_WEBHOOK_SIGNATURE_INVALID');
    await post(body).expect(400);
    const stale = stripeSignatureHeader(body, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 301);
    expect((await post(body, stale).expect(400)).body.code).toBe('PAYMENT_WEBHOOK_SIGNATURE_INVALID');
    // a body changed after signing
    const signed = stripeSignatureHeader(body, WEBHOOK_SECRET);
    await post(body.replace('succeeded', 'succeeded '), signed).expect(400);
    expect(await cardRow(o.accountId)).toBeNull();
    expect(
      await sql(`SELECT 1 FROM payment_provider_events WHERE event_id = $1`, [JSON.parse(body).id]),
    ).toEqual([]);
  });

  it('registers the card from a signed setup_intent.succeeded, and a replay has no second effect', async () => {
    const { o, body } = await abandonedSetup();
    const first = await post(body, stripeSignatureHeader(body, WEBHOOK_SECRET)).expect(200);
    expect(first.body).toEqual({ received: true, duplicate: false, outcome: 'card-registered' });
    expect((await cardRow(o.accountId))?.last4).toBe('4242');
    const replay = await post(body, stripeSignatureHeader(body, WEBHOOK_SECRET)).expect(200);
    expect(replay.body).toMatchObject({ duplicate: true });
    expect((await historyKinds(o.accountId)).filter((k) => k.startsWith('card.'))).toEqual([
      'card.registered',
    ]);
    // the customer's own completion afterwards changes nothing either
    const si = JSON.parse(body).data.object.id;
    await completeSetup(o, si).expect(200);
    expect((await historyKinds(o.accountId)).filter((k) => k.startsWith('card.'))).toEqual([
      'card.registered',
    ]);
  });

  it('acknowledges a replay of a real sandbox delivery (same event id) without handling it again', async () => {
    const o = await owner();
    await registerCard(o, VISA);
    const [event] = sandbox
      .events()
      .filter((e) => e.type === 'setup_intent.succeeded')
      .slice(-1);
    await eventsDelivered(event.objectId, 1);
    expect(await sandbox.resendEvent(event.id)).toEqual([200, 200]);
    expect(await sql(`SELECT 1 FROM payment_provider_events WHERE event_id = $1`, [event.id])).toHaveLength(
      1,
    );
  });
});

describe('monthly charges with PaymentIntents (R2.4, R2.9)', () => {
  let needsAuth: Owner, declined: Owner, fine: Owner;
  let run: { id: string };

  const invoicesOf = async (o: Owner) =>
    (await t.http().get('/api/v1/billing/invoices').set('authorization', bearer(o.token)).expect(200)).body
      .items;

  beforeAll(async () => {
    needsAuth = await owner();
    declined = await owner();
    fine = await owner();
    await registerCard(needsAuth, THREE_DS_ALWAYS);
    await registerCard(declined, INSUFFICIENT_FUNDS);
    await registerCard(fine, THREE_DS_ON_SETUP);
    for (const o of [needsAuth, declined, fine]) await insertPlan(t, o.accountId, 'standard', '2026-02-01');
    sandbox.clearRequests();
    const res = await startRun(t, admin, '2026-04').expect(202);
    run = await waitForRun(t, admin, res.body.id);
  });

  it('charges each stored payment method off-session once, with the invoice idempotency key', async () => {
    expect(run).toMatchObject({ status: 'completed', toCharge: 3, charged: 1, failed: 2 });
    // (a re-sent attempt with the same key is replayed by the provider, not charged: not counted)
    const charges = sandbox
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents' && !r.replayed);
    expect(charges).toHaveLength(3);
    for (const o of [needsAuth, declined, fine]) {
      const row = await cardRow(o.accountId);
      const [inv] = await invoicesOf(o);
      const charge = charges.find((c) => c.params.payment_method === row!.provider_payment_method_id)!;
      expect(charge.params).toMatchObject({
        off_session: 'true',
        confirm: 'true',
        customer: row!.provider_customer_id,
      });
      expect(charge.idempotencyKey).toBe(`invoice-${inv.id}`);
    }
    // 3155 was authenticated when set up: its off-session charge needs nothing more
    expect((await invoicesOf(fine))[0]).toMatchObject({ status: 'paid', total: 5500 });
  });

  it('a decline keeps the retry schedule (day 1) and mails payment-failed', async () => {
    const [inv] = await invoicesOf(declined);
    expect(inv.status).toBe('retrying');
    const [row] = await sql<{ next_attempt_at: Date }>(`SELECT next_attempt_at FROM invoices WHERE id = $1`, [
      inv.id,
    ]);
    const [attempt] = await sql<{ created_at: Date; failure_code: string; status: string }>(
      `SELECT created_at, failure_code, status FROM payment_attempts WHERE invoice_id = $1`,
      [inv.id],
    );
    expect(attempt).toMatchObject({ status: 'declined', failure_code: 'insufficient_funds' });
    expect(new Date(row.next_attempt_at).getTime() - new Date(attempt.created_at).getTime()).toBe(86_400_000);
    // (queued by the worker's outbox subscriber, from the event the failure wrote)
    const job = await eventually(
      () => t.app.get<Queue>(getQueueToken(QueueName.Mail)).getJob(`mail-payment-failed-${inv.id}-1`),
      (j) => !!j,
    );
    expect(job?.data.template).toBe('payment-failed');
  });

  it('authentication_required: the invoice waits for the customer, who is mailed the page link; staff see it', async () => {
    const [inv] = await invoicesOf(needsAuth);
    expect(inv).toMatchObject({ status: 'action_required', nextAttemptAt: null, receiptAvailable: false });
    const [attempt] = await sql<{ status: string; failure_code: string; provider_payment_id: string }>(
      `SELECT status, failure_code, provider_payment_id FROM payment_attempts WHERE invoice_id = $1`,
      [inv.id],
    );
    expect(attempt).toMatchObject({ status: 'requires_action', failure_code: 'authentication_required' });
    expect(attempt.provider_payment_id).toMatch(/^pi_/);
    const [row] = await sql<{ next_attempt_at: Date | null }>(
      `SELECT next_attempt_at FROM invoices WHERE id = $1`,
      [inv.id],
    );
    expect(row.next_attempt_at).toBeNull();

    const job = await eventually(
      () =>
        t.app.get<Queue>(getQueueToken(QueueName.Mail)).getJob(`mail-payment-action-required-${inv.id}-1`),
      (j) => !!j,
    );
    expect(job?.data).toMatchObject({
      template: 'payment-action-required',
      data: expect.objectContaining({
        authenticateUrl: `${WEB_APP}/billing/invoices/${inv.id}/authenticate`,
        total: 5500,
      }),
    });

    const staff = await t
      .http()
      .get(`/api/v1/admin/accounts/${needsAuth.accountId}/invoices`)
      .set('authorization', bearer(admin))
      .expect(200);
    expect(staff.body.paymentIssue).toBe(true);
    expect(staff.body.items[0]).toMatchObject({ status: 'action_required' });
    expect(staff.body.items[0].payments).toEqual([
      expect.objectContaining({ status: 'requires_action', failureCode: 'authentication_required' }),
    ]);
    const runView = await t
      .http()
      .get(`/api/v1/admin/billing-runs/${run.id}`)
      .set('authorization', bearer(admin))
      .expect(200);
    expect(runView.body.failures).toEqual(
      expect.arrayContaining([expect.objectContaining({ invoiceId: inv.id, status: 'action_required' })]),
    );
  });

  it('the owner authenticates on the challenge (a failure first, then success) and the invoice is paid', async () => {
    const [inv] = await invoicesOf(needsAuth);
    const path = `/api/v1/billing/invoices/${inv.id}/authentication`;
    // nobody else: another account 404, no session 401
    const other = await owner();
    await t.http().post(path).set('authorization', bearer(other.token)).expect(404);
    await t.http().post(path).expect(401);

    const first = (await t.http().post(path).set('authorization', bearer(needsAuth.token)).expect(200)).body;
    expect(first).toMatchObject({
      invoiceId: inv.id,
      status: 'requires_action',
      paymentIntentId: expect.stringMatching(/^pi_/),
      adapter: 'sandbox',
      returnPath: `/billing/invoices/${inv.id}/authenticate`,
    });
    expect(first.redirectUrl).toMatch(
      new RegExp(`^${sandbox.url}/3ds/${first.paymentIntentId}\\?client_secret=`),
    );
    const early = await t
      .http()
      .post(`${path}/complete`)
      .set('authorization', bearer(needsAuth.token))
      .expect(409);
    expect(early.body.code).toBe('PAYMENT_AUTHENTICATION_INCOMPLETE');

    const failed = await challenge(first.redirectUrl, 'fail');
    expect(failed.searchParams.get('redirect_status')).toBe('failed');
    const refused = await t
      .http()
      .post(`${path}/complete`)
      .set('authorization', bearer(needsAuth.token))
      .expect(422);
    expect(refused.body.code).toBe('PAYMENT_AUTHENTICATION_FAILED');
    expect((await invoicesOf(needsAuth))[0].status).toBe('action_required');

    const again = (await t.http().post(path).set('authorization', bearer(needsAuth.token)).expect(200)).body;
    expect(again.paymentIntentId).toBe(first.paymentIntentId);
    const back = await challenge(again.redirectUrl, 'complete');
    expect(`${back.origin}${back.pathname}`).toBe(`${WEB_APP}/billing/invoices/${inv.id}/authenticate`);
    expect(back.searchParams.get('payment_intent')).toBe(first.paymentIntentId);
    const paid = (
      await t.http().post(`${path}/complete`).set('authorization', bearer(needsAuth.token)).expect(200)
    ).body;
    expect(paid).toMatchObject({ id: inv.id, status: 'paid', receiptAvailable: true });

    // the provider's payment_intent.succeeded arrives too: no second effect; the same PaymentIntent was paid once
    await eventsDelivered(first.paymentIntentId, 5);
    expect(
      (await historyKinds(needsAuth.accountId)).filter((k) => k === 'invoice.paid_after_authentication'),
    ).toHaveLength(1);
    expect(sandbox.paymentIntent(first.paymentIntentId)).toMatchObject({ status: 'succeeded', amount: 5500 });
    const attempts = await sql(`SELECT status FROM payment_attempts WHERE invoice_id = $1`, [inv.id]);
    expect(attempts).toEqual([{ status: 'succeeded' }]);
    // a paid invoice needs nothing more
    await t.http().post(`${path}/complete`).set('authorization', bearer(needsAuth.token)).expect(200);
    await t
      .http()
      .post(`/api/v1/billing/invoices/${(await invoicesOf(declined))[0].id}/authentication`)
      .set('authorization', bearer(declined.token))
      .expect(409);
  });
});
