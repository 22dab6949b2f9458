import { startTestApp, type TestApp } from '../support/test-app';
import { memberSession, ownerSession, staffSession } from '../support/auth-helpers';
import { startTestPaymentSandbox, type TestPaymentSandbox } from '../support/payment-sandbox';

// R1.5 / R1.6: card registration through SetupIntents (issue 17; the card is confirmed in the
// provider's own fields, as the sandbox's card-fields iframe does), against the real payment
// sandbox (fakes/src/payment-sandbox.js) on loopback, through the real Stripe SDK. 3-D Secure,
// webhooks and other accounts' SetupIntents: payments-3ds.e2e-spec.ts. Which cards are kept and
// what is kept of them (the six brands, declined and expired cards, a change of card, onboarding):
// test/medium/cards.medium-spec.ts.

let t: TestApp;
let sandbox: TestPaymentSandbox;
let operator: string;

beforeAll(async () => {
  sandbox = await startTestPaymentSandbox();
  t = await startTestApp(sandbox.env);
  operator = (await staffSession(t, 'operator')).accessToken;
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

const VISA = '4242424242424242';
const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);

const getCard = (token: string) => t.http().get('/api/v1/account/card').set('authorization', bearer(token));
const startSetup = (token: string) =>
  t.http().post('/api/v1/account/card/setup').set('authorization', bearer(token));
/** The whole registration as the web app does it; the answer of …/setup/complete. */
const register = (token: string, card: { number: string; expMonth?: number; expYear?: number }) =>
  sandbox.registerCard(t.http, token, card);

const owner = () => ownerSession(t);

/** A member of the account (inserted directly: invitations are another module's business). */
const memberOf = async (accountId: string) => (await memberSession(t, accountId)).token;

const cardRows = (accountId: string) =>
  sql<Record<string, unknown>>(`SELECT * FROM payment_methods WHERE account_id = $1`, [accountId]);
const cardHistory = (accountId: string) =>
  sql<{ kind: string; detail: Record<string, unknown>; actor_kind: string }>(
    `SELECT kind, detail, actor_kind FROM account_history WHERE account_id = $1 AND kind LIKE 'card.%' ORDER BY id`,
    [accountId],
  );
const accountFacts = async (accountId: string) =>
  (
    await sql<{ state: string; card_registered_at: Date | null }>(
      `SELECT state, card_registered_at FROM accounts WHERE id = $1`,
      [accountId],
    )
  )[0];
/** What our API (secret key) asked the provider about, from the sandbox's log. */
const apiCallsSince = (from: number) =>
  sandbox
    .requests()
    .slice(from)
    .filter((r) => r.keyKind === 'secret');

async function expectNothingStored(accountId: string) {
  expect(await cardRows(accountId)).toEqual([]);
  expect(await cardHistory(accountId)).toEqual([]);
  expect(await accountFacts(accountId)).toMatchObject({ state: 'applied', card_registered_at: null });
}

describe('GET /payments/config', () => {
  it('is public and tells the provider, its publishable key and the brands', async () => {
    const res = await t.http().get('/api/v1/payments/config').expect(200);
    expect(res.body).toEqual({
      provider: 'stripe',
      publishableKey: 'pk_test_e2e',
      acceptedBrands: [
        { code: 'visa', name: 'Visa' },
        { code: 'mastercard', name: 'Mastercard' },
        { code: 'jcb', name: 'JCB' },
        { code: 'amex', name: 'American Express' },
        { code: 'diners', name: 'Diners Club' },
        { code: 'discover', name: 'Discover' },
      ],
    });
    expect(JSON.stringify(res.body)).not.toContain('sk_test');
  });
});

describe('R1.5 registering a card', () => {
  // the other five brands, and what is kept of each: test/medium/cards.medium-spec.ts
  it('accepts Visa and keeps only brand, last 4 digits and expiry', async () => {
    const [brand, brandName, number] = ['visa', 'Visa', VISA];
    const { token, accountId } = await owner();
    await getCard(token).expect(404);
    const from = sandbox.requests().length;

    const res = await register(token, { number, expMonth: 7, expYear: 2031 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      brand,
      brandName,
      last4: number.slice(-4),
      expMonth: 7,
      expYear: 2031,
      expired: false,
      registeredAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await getCard(token).expect(200)).body).toEqual(res.body);

    // Stored: the provider's ids and the display facts, never the number.
    const [row] = await cardRows(accountId);
    expect(row).toMatchObject({
      provider: 'stripe',
      brand,
      last4: number.slice(-4),
      exp_month: 7,
      exp_year: 2031,
      updated_by_kind: 'customer',
    });
    expect(String(row.provider_customer_id)).toMatch(/^cus_/);
    expect(String(row.provider_payment_method_id)).toMatch(/^pm_/);
    const everything = JSON.stringify(await sql(`SELECT * FROM payment_methods`));
    expect(everything).not.toContain(number);
    expect(everything).not.toContain(number.slice(0, 8));

    // The provider's customer is tagged with the account; our API (secret key) never sent a card.
    const customer = sandbox.customer(String(row.provider_customer_id))!;
    expect(customer.metadata).toEqual({ account_id: accountId });
    const calls = apiCallsSince(from);
    expect(calls.map((c) => `${c.method} ${c.path.replace(/\/(seti|pm|cus)_\w+/, '/:id')}`)).toEqual([
      'POST /v1/customers',
      'POST /v1/setup_intents',
      'GET /v1/setup_intents/:id',
      'GET /v1/payment_methods/:id',
    ]);
    expect(calls[0].idempotencyKey).toBe(`bc-customer-${accountId}`);
    expect(calls[1].params).toMatchObject({ usage: 'off_session', customer: row.provider_customer_id });
    expect(JSON.stringify(calls)).not.toContain('card[');
    expect(JSON.stringify(calls)).not.toContain(number);

    expect(await cardHistory(accountId)).toEqual([
      { kind: 'card.registered', actor_kind: 'customer', detail: { brand, last4: number.slice(-4) } },
    ]);
    expect((await accountFacts(accountId)).card_registered_at).not.toBeNull();
  });

  it('refuses UnionPay with the accepted brands, and stores nothing', async () => {
    const { token, accountId } = await owner();
    const res = await register(token, { number: '6200000000000005' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('CARD_BRAND_NOT_ACCEPTED');
    expect(res.body.detail).toMatch(/unionpay/i);
    expect(res.body.detail).toContain('Visa, Mastercard, JCB, American Express, Diners Club, Discover');
    await expectNothingStored(accountId);
  });

  it('card data sent to our API is refused; the old token route is gone', async () => {
    const { token, accountId } = await owner();
    const setup = (await startSetup(token).expect(201)).body;
    const withNumber = await t
      .http()
      .post('/api/v1/account/card/setup/complete')
      .set('authorization', bearer(token))
      .send({ setupIntentId: setup.setupIntentId, number: VISA, cvc: '123' })
      .expect(422);
    expect(withNumber.body.code).toBe('VALIDATION_FAILED');
    expect(withNumber.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual(
      expect.arrayContaining([
        ['/body/number', 'UNKNOWN_FIELD'],
        ['/body/cvc', 'UNKNOWN_FIELD'],
      ]),
    );
    expect(JSON.stringify(withNumber.body)).not.toContain(VISA);
    const malformed = await t
      .http()
      .post('/api/v1/account/card/setup/complete')
      .set('authorization', bearer(token))
      .send({ setupIntentId: 'tok_123' })
      .expect(422);
    expect(malformed.body.errors[0].pointer).toBe('/body/setupIntentId');
    // PUT /account/card (card tokens) was removed with issue 17.
    const old = await t
      .http()
      .put('/api/v1/account/card')
      .set('authorization', bearer(token))
      .send({ token: await sandbox.tokenize({ number: VISA }) });
    expect([404, 405]).toContain(old.status);
    await expectNothingStored(accountId);
  });
});

describe('who may see and change the card', () => {
  it('a member sees the card but cannot change it', async () => {
    const { token, accountId } = await owner();
    const member = await memberOf(accountId);
    expect((await getCard(member).expect(404)).body.code).toBe('CARD_NOT_REGISTERED');
    const refused = await startSetup(member).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await expectNothingStored(accountId);

    expect((await register(token, { number: VISA })).status).toBe(200);
    expect((await getCard(member).expect(200)).body).toMatchObject({ brand: 'visa', last4: '4242' });
  });

  it('each customer sees only their own card (the account comes from the token)', async () => {
    const a = await owner();
    const b = await owner();
    expect((await register(a.token, { number: VISA })).status).toBe(200);
    const res = await getCard(b.token).expect(404);
    expect(res.body.code).toBe('CARD_NOT_REGISTERED');
    expect(JSON.stringify(res.body)).not.toContain('4242');
  });

  it('staff can never change a card, and read it only through the console route', async () => {
    const { token, accountId } = await owner();
    const admin = (await staffSession(t, 'admin')).accessToken;
    for (const staff of [operator, admin]) {
      expect((await startSetup(staff).expect(403)).body.code).toBe('FORBIDDEN');
      await getCard(staff).expect(403);
    }
    await expectNothingStored(accountId);
    // No write route exists for staff.
    for (const method of ['put', 'post', 'patch', 'delete'] as const) {
      const res = await t
        .http()
        [method](`/api/v1/admin/accounts/${accountId}/card`)
        .set('authorization', bearer(admin))
        .send({ setupIntentId: 'seti_x' });
      expect([404, 405]).toContain(res.status);
    }

    const adminCard = (tok: string, id = accountId) =>
      t.http().get(`/api/v1/admin/accounts/${id}/card`).set('authorization', bearer(tok));
    expect((await adminCard(operator).expect(404)).body.code).toBe('CARD_NOT_REGISTERED');
    expect((await register(token, { number: VISA, expMonth: 12 })).status).toBe(200);
    expect((await adminCard(operator).expect(200)).body).toMatchObject({
      brand: 'visa',
      brandName: 'Visa',
      last4: '4242',
      expMonth: 12,
    });
    await adminCard(operator, 'not-a-uuid').expect(404);
    await adminCard(operator, '00000000-0000-4000-8000-000000000000').expect(404);
    // A customer token does not pass the console route.
    await adminCard(token).expect(403);
  });

  it('needs a session', async () => {
    await t.http().get('/api/v1/account/card').expect(401);
    await t.http().post('/api/v1/account/card/setup').expect(401);
    await t.http().post('/api/v1/account/card/setup/complete').send({ setupIntentId: 'seti_x' }).expect(401);
  });
});
