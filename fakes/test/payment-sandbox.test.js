// The payment sandbox speaks Stripe's SetupIntents, PaymentMethods and PaymentIntents with 3-D
// Secure (shared/docs/protocols.md §4.3), serves its card fields and challenge pages, and sends
// signed events. The older token / customer / charge routes are covered by the API's billing tests.
// Run: node --test fakes/test/
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startPaymentSandbox, stripeSignatureHeader } from '../src/payment-sandbox.js';

const SK = 'sk_test_fakes';
const PK = 'pk_test_fakes';
const SECRET = 'whsec_fakes';
const YEAR = String(new Date().getFullYear() + 2);

/** @type {import('../src/payment-sandbox').PaymentSandbox} */
let sandbox;
/** @type {http.Server} */
let receiver;
/** @type {{ headers: http.IncomingHttpHeaders, body: string }[]} */
let received = [];

before(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', () => r(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (receiver.address()).port;
  sandbox = await startPaymentSandbox({
    port: 0,
    quiet: true,
    secretKey: SK,
    publishableKey: PK,
    webhookUrl: `http://127.0.0.1:${port}/hook`,
    webhookSecret: SECRET,
  });
});
after(async () => {
  await sandbox.close();
  await new Promise((r) => receiver.close(() => r(undefined)));
});
beforeEach(() => {
  received = [];
  sandbox.clearEvents();
});

/** A Stripe API call, form-encoded like the SDK does. */
async function api(/** @type {string} */ method, /** @type {string} */ path, params = {}, key = SK) {
  const body = new URLSearchParams(params).toString();
  const res = await fetch(`${sandbox.url}${path}${method === 'GET' && body ? `?${body}` : ''}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: method === 'GET' ? undefined : body,
  });
  return { status: res.status, body: /** @type {any} */ (await res.json()) };
}

const card = (/** @type {string} */ number) => ({
  type: 'card',
  'card[number]': number,
  'card[exp_month]': '12',
  'card[exp_year]': YEAR,
  'card[cvc]': '123',
});

async function customer() {
  return (await api('POST', '/v1/customers', { 'metadata[account_id]': 'a1' })).body.id;
}

/** A SetupIntent for a new customer, confirmed as the card fields do (publishable key + client secret). */
async function setUp(/** @type {string} */ number) {
  const cus = await customer();
  const si = (await api('POST', '/v1/setup_intents', { customer: cus, usage: 'off_session' })).body;
  const pm = (await api('POST', '/v1/payment_methods', card(number), PK)).body;
  const confirmed = await api(
    'POST',
    `/v1/setup_intents/${si.id}/confirm`,
    { client_secret: si.client_secret, payment_method: pm.id, return_url: 'http://localhost:5173/card/done' },
    PK,
  );
  return { cus, si, pm, confirmed };
}

/** Waits until `n` events reached the receiver. */
async function delivered(/** @type {number} */ n) {
  for (let i = 0; i < 100 && received.length < n; i++) await new Promise((r) => setTimeout(r, 20));
  return received.map((r) => JSON.parse(r.body));
}

describe('PaymentMethods', () => {
  test('a card becomes pm_… with Stripe’s lower-case brand, last 4 and expiry, never the number', async () => {
    const { status, body } = await api('POST', '/v1/payment_methods', card('3566002020360505'), PK);
    assert.equal(status, 200);
    assert.match(body.id, /^pm_[A-Za-z0-9]+$/);
    assert.equal(body.card.brand, 'jcb');
    assert.equal(body.card.last4, '0505');
    assert.equal(body.card.exp_year, Number(YEAR));
    assert.equal(JSON.stringify(body).includes('3566002020360505'), false);
    const logged = sandbox.requests().find((r) => r.path === '/v1/payment_methods');
    assert.equal(JSON.stringify(logged).includes('3566002020360505'), false);
    assert.equal(
      (await api('POST', '/v1/payment_methods', card('6200000000000005'), PK)).body.card.brand,
      'unionpay',
    );
  });

  test('a wrong number is a card error; reading one takes the secret key', async () => {
    const bad = await api('POST', '/v1/payment_methods', card('4242424242424241'), PK);
    assert.equal(bad.status, 402);
    assert.equal(bad.body.error.code, 'incorrect_number');
    const pm = (await api('POST', '/v1/payment_methods', card('4242424242424242'), PK)).body;
    assert.equal((await api('GET', `/v1/payment_methods/${pm.id}`, {}, PK)).status, 403);
    assert.equal((await api('GET', `/v1/payment_methods/${pm.id}`)).body.id, pm.id);
  });
});

describe('SetupIntents', () => {
  test('4242: succeeds at once, attaches the card to the customer, and says so in a signed event', async () => {
    const { cus, si, pm, confirmed } = await setUp('4242424242424242');
    assert.match(si.client_secret, new RegExp(`^${si.id}_secret_`));
    assert.equal(si.usage, 'off_session');
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.body.status, 'succeeded');
    assert.equal(confirmed.body.payment_method, pm.id);
    assert.equal((await api('GET', `/v1/payment_methods/${pm.id}`)).body.customer, cus);
    const [event] = await delivered(1);
    assert.equal(event.type, 'setup_intent.succeeded');
    assert.equal(event.data.object.id, si.id);
    // the signature is Stripe's: HMAC-SHA256 of "<t>.<body>" with the endpoint secret
    const header = String(received[0].headers['stripe-signature']);
    const t = /t=(\d+)/.exec(header)?.[1];
    const v1 = /v1=([0-9a-f]{64})/.exec(header)?.[1] ?? '';
    const expected = createHmac('sha256', SECRET).update(`${t}.${received[0].body}`).digest('hex');
    assert.ok(timingSafeEqual(Buffer.from(v1), Buffer.from(expected)));
    assert.ok(Math.abs(Number(t) - Date.now() / 1000) < 5);
  });

  test('4000002500003155: requires 3-D Secure; completing the challenge redirects to the return_url', async () => {
    const { si, pm, confirmed } = await setUp('4000002500003155');
    assert.equal(confirmed.body.status, 'requires_action');
    const next = confirmed.body.next_action;
    assert.equal(next.type, 'redirect_to_url');
    assert.equal(next.redirect_to_url.return_url, 'http://localhost:5173/card/done');
    assert.ok(next.redirect_to_url.url.startsWith(`${sandbox.url}/3ds/${si.id}?client_secret=`));

    const page = await fetch(next.redirect_to_url.url);
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /3-D Secure/);
    assert.match(text, /name="result" value="complete"/);

    const done = await fetch(`${sandbox.url}/3ds/${si.id}`, {
      method: 'POST',
      body: new URLSearchParams({ client_secret: si.client_secret, result: 'complete' }),
      redirect: 'manual',
    });
    assert.equal(done.status, 303);
    const back = new URL(String(done.headers.get('location')));
    assert.equal(back.origin + back.pathname, 'http://localhost:5173/card/done');
    assert.equal(back.searchParams.get('setup_intent'), si.id);
    assert.equal(back.searchParams.get('redirect_status'), 'succeeded');
    const after = (await api('GET', `/v1/setup_intents/${si.id}`)).body;
    assert.equal(after.status, 'succeeded');
    assert.equal(after.payment_method, pm.id);
    const events = await delivered(2);
    assert.deepEqual(
      events.map((e) => e.type),
      ['setup_intent.requires_action', 'setup_intent.succeeded'],
    );
  });

  test('a failed challenge leaves the SetupIntent without a card and sends setup_failed', async () => {
    const { si, confirmed } = await setUp('4000002760003184');
    assert.equal(confirmed.body.status, 'requires_action');
    const done = await fetch(`${sandbox.url}/3ds/${si.id}`, {
      method: 'POST',
      body: new URLSearchParams({ client_secret: si.client_secret, result: 'fail' }),
      redirect: 'manual',
    });
    assert.equal(new URL(String(done.headers.get('location'))).searchParams.get('redirect_status'), 'failed');
    const after = (await api('GET', `/v1/setup_intents/${si.id}`)).body;
    assert.equal(after.status, 'requires_payment_method');
    assert.equal(after.payment_method, null);
    assert.equal(after.last_setup_error.code, 'setup_intent_authentication_failure');
    const events = await delivered(2);
    assert.equal(events[1].type, 'setup_intent.setup_failed');
  });

  test('the challenge page needs the client secret; a publishable key needs it to read or confirm', async () => {
    const cus = await customer();
    const si = (await api('POST', '/v1/setup_intents', { customer: cus, usage: 'off_session' })).body;
    assert.equal((await fetch(`${sandbox.url}/3ds/${si.id}?client_secret=wrong`)).status, 404);
    assert.equal((await api('GET', `/v1/setup_intents/${si.id}`, {}, PK)).status, 404);
    assert.equal(
      (await api('GET', `/v1/setup_intents/${si.id}`, { client_secret: si.client_secret }, PK)).body.id,
      si.id,
    );
    assert.equal((await api('POST', '/v1/setup_intents', { customer: cus }, PK)).status, 403);
  });

  test('a generic decline fails the setup with a card error', async () => {
    const { confirmed } = await setUp('4000000000000002');
    assert.equal(confirmed.status, 402);
    assert.equal(confirmed.body.error.code, 'card_declined');
    assert.equal(confirmed.body.error.setup_intent.status, 'requires_payment_method');
    assert.equal((await delivered(1))[0].type, 'setup_intent.setup_failed');
  });
});

describe('PaymentIntents off-session', () => {
  const charge = (/** @type {string} */ cus, /** @type {string} */ pm, key = 'k1') =>
    fetch(`${sandbox.url}/v1/payment_intents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SK}`,
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': key,
      },
      body: new URLSearchParams({
        amount: '5500',
        currency: 'jpy',
        customer: cus,
        payment_method: pm,
        confirm: 'true',
        off_session: 'true',
        'metadata[invoice_id]': 'inv-1',
      }),
    }).then(async (r) => ({ status: r.status, body: /** @type {any} */ (await r.json()) }));

  test('a card set up for off-session use is charged; 3155 needs no second authentication', async () => {
    for (const number of ['4242424242424242', '4000002500003155']) {
      const { cus, si, pm } = await setUp(number);
      if (number !== '4242424242424242') sandbox.completeChallenge(si.id, 'complete');
      const res = await charge(cus, pm.id, `ok-${number}`);
      assert.equal(res.status, 200, number);
      assert.equal(res.body.status, 'succeeded');
      assert.equal(res.body.amount_received, 5500);
    }
  });

  test('3184: authentication_required, then the customer authenticates on the challenge page', async () => {
    const { cus, si, pm } = await setUp('4000002760003184');
    sandbox.completeChallenge(si.id, 'complete');
    const res = await charge(cus, pm.id, 'auth-1');
    assert.equal(res.status, 402);
    assert.equal(res.body.error.code, 'authentication_required');
    const pi = res.body.error.payment_intent;
    assert.equal(pi.status, 'requires_payment_method');
    assert.equal(pi.last_payment_error.code, 'authentication_required');
    assert.equal(pi.last_payment_error.payment_method.id, pm.id);
    // the same idempotency key replays the refusal instead of charging again
    assert.deepEqual((await charge(cus, pm.id, 'auth-1')).body.error.payment_intent.id, pi.id);

    // on-session confirmation with a return_url: a 3-D Secure challenge
    const confirmed = await api('POST', `/v1/payment_intents/${pi.id}/confirm`, {
      payment_method: pm.id,
      return_url: 'http://localhost:5173/billing/invoices/inv-1/authenticate',
    });
    assert.equal(confirmed.body.status, 'requires_action');
    const url = confirmed.body.next_action.redirect_to_url.url;
    assert.match(await (await fetch(url)).text(), /5,500円/);
    const done = await fetch(`${sandbox.url}/3ds/${pi.id}`, {
      method: 'POST',
      body: new URLSearchParams({ client_secret: pi.client_secret, result: 'complete' }),
      redirect: 'manual',
    });
    const back = new URL(String(done.headers.get('location')));
    assert.equal(back.searchParams.get('payment_intent'), pi.id);
    assert.equal(back.searchParams.get('redirect_status'), 'succeeded');
    assert.equal((await api('GET', `/v1/payment_intents/${pi.id}`)).body.status, 'succeeded');
    const events = (await delivered(5)).filter((e) => e.data.object.id === pi.id);
    assert.deepEqual(
      events.map((e) => e.type),
      ['payment_intent.payment_failed', 'payment_intent.requires_action', 'payment_intent.succeeded'],
    );
  });

  test('insufficient funds and generic declines are card_declined with their decline codes', async () => {
    const { cus, pm } = await setUp('4000000000009995');
    const res = await charge(cus, pm.id, 'nsf');
    assert.equal(res.status, 402);
    assert.equal(res.body.error.code, 'card_declined');
    assert.equal(res.body.error.decline_code, 'insufficient_funds');
  });

  test("another customer's payment method is refused", async () => {
    const a = await setUp('4242424242424242');
    const otherCustomer = await customer();
    const res = await charge(otherCustomer, a.pm.id, 'other');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.param, 'payment_method');
  });
});

describe('the card fields page', () => {
  test('is framed only by the named origin, posts to itself, and tells the parent only ids', async () => {
    const res = await fetch(`${sandbox.url}/elements/card-fields?origin=http://localhost:5173&key=${PK}`);
    assert.equal(res.status, 200);
    const csp = String(res.headers.get('content-security-policy'));
    assert.match(csp, /frame-ancestors http:\/\/localhost:5173(;|$)/);
    assert.match(csp, /connect-src 'self'/);
    const text = await res.text();
    assert.match(text, /const PARENT = "http:\/\/localhost:5173"/);
    assert.match(text, /parent\.postMessage\(\{ source: 'bc-card-fields', \.\.\.message \}, PARENT\)/);
    assert.doesNotMatch(text, /postMessage\([^)]*'\*'/);
    assert.match(text, /event\.origin !== PARENT/);
    // the messages to the parent carry ids and statuses, never the card
    for (const told of text.matchAll(/tell\(\{([^}]*(\{[^}]*\})?[^}]*)\}\)/g)) {
      assert.doesNotMatch(told[1], /number|cvc|exp_/);
    }
  });

  test('refuses to render without an exact origin and a publishable key', async () => {
    for (const q of [
      'origin=*&key=pk_test_x',
      'origin=http://localhost:5173/path&key=pk_test_x',
      'origin=http://localhost:5173&key=sk_test_x',
    ]) {
      assert.equal((await fetch(`${sandbox.url}/elements/card-fields?${q}`)).status, 400, q);
    }
  });
});

describe('events', () => {
  test('an event can be sent again with the same id (for replay tests)', async () => {
    await setUp('4242424242424242');
    const [first] = await delivered(1);
    const statuses = await sandbox.resendEvent(first.id);
    assert.deepEqual(statuses, [200, 200]);
    assert.equal(JSON.parse(received[1].body).id, first.id);
  });

  test('stripeSignatureHeader matches the documented test vector', () => {
    assert.equal(
      stripeSignatureHeader('{"id":"evt_test"}', 'whsec_test', 1700000000),
      't=1700000000,v1=14c4f43763339dcb1c15f41a1ff31a94f2f09f8de278f8b4392ca0d7cbcd257e',
    );
  });
});
