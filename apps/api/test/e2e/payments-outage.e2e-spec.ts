import { startTestApp, type TestApp } from '../support/test-app';
import { ownerSession } from '../support/auth-helpers';
import { startTestPaymentSandbox, type TestPaymentSandbox } from '../support/payment-sandbox';

// R1.5 when the payment provider misbehaves while a card is set up (issue 17: SetupIntents): 5xx,
// no answer, nobody listening. The API answers a 503 problem and stores nothing; the card can be
// registered once the provider is back.

let t: TestApp;
let sandbox: TestPaymentSandbox;

beforeAll(async () => {
  sandbox = await startTestPaymentSandbox();
  // A short timeout so "no answer" fails fast (the SDK still retries twice).
  t = await startTestApp({ ...sandbox.env, PAYMENT_TIMEOUT_MS: '300' });
});
afterEach(() => sandbox.clearFailures());
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

const VISA = '4242424242424242';
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);
const startSetup = (token: string) =>
  t.http().post('/api/v1/account/card/setup').set('authorization', `Bearer ${token}`);
const register = (token: string, number = VISA) => sandbox.registerCard(t.http, token, { number });

const owner = () => ownerSession(t);

async function expectNothingStored(accountId: string) {
  expect(await sql(`SELECT 1 FROM payment_methods WHERE account_id = $1`, [accountId])).toEqual([]);
  expect(
    await sql(`SELECT 1 FROM account_history WHERE account_id = $1 AND kind LIKE 'card.%'`, [accountId]),
  ).toEqual([]);
  const [account] = await sql<{ card_registered_at: Date | null }>(
    `SELECT card_registered_at FROM accounts WHERE id = $1`,
    [accountId],
  );
  expect(account.card_registered_at).toBeNull();
}

function expectUnavailable(res: {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}) {
  expect(res.status).toBe(503);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
  expect(res.headers['retry-after']).toBe('30');
}

it('5xx on every try (the SDK retries twice): 503, nothing stored; then it works', async () => {
  const { token, accountId } = await owner();
  sandbox.failNext(3, 'error');
  expectUnavailable(await startSetup(token));
  await expectNothingStored(accountId);
  expect((await register(token)).status).toBe(200);
});

it('one 5xx is absorbed by the SDK retry', async () => {
  const { token } = await owner();
  sandbox.failNext(1, 'error');
  expect((await register(token)).status).toBe(200);
});

it('no answer (timeouts) and dropped connections: 503, nothing stored', async () => {
  const { token, accountId } = await owner();
  sandbox.failNext(3, 'hang');
  expectUnavailable(await startSetup(token));
  sandbox.failNext(3, 'reset');
  expectUnavailable(await startSetup(token));
  await expectNothingStored(accountId);
});

it('the provider failing while we ask it how the set-up ended: 503, nothing stored; asking again works', async () => {
  const { token, accountId } = await owner();
  const setup = (await startSetup(token).expect(201)).body;
  const si = await sandbox.confirmInCardFields(setup.clientSecret, { number: VISA });
  expect(si.status).toBe('succeeded');
  const complete = () =>
    t
      .http()
      .post('/api/v1/account/card/setup/complete')
      .set('authorization', `Bearer ${token}`)
      .send({ setupIntentId: setup.setupIntentId });
  sandbox.failNext(3, 'error', { method: 'GET', path: '^/v1/setup_intents/' });
  expectUnavailable(await complete());
  await expectNothingStored(accountId);
  expect((await complete().expect(200)).body).toMatchObject({ brand: 'visa', last4: '4242' });
});

it('a failure after the customer was created: the retry reuses the customer', async () => {
  const { token, accountId } = await owner();
  const from = sandbox.requests().length;
  // The customer is created; the SetupIntent fails on every try.
  sandbox.failNext(3, 'error', { method: 'POST', path: '^/v1/setup_intents$' });
  expectUnavailable(await startSetup(token));
  await expectNothingStored(accountId);

  expect((await register(token)).status).toBe(200);
  const created = sandbox
    .requests()
    .slice(from)
    .filter((r) => r.method === 'POST' && r.path === '/v1/customers' && !r.injected);
  expect(created.map((r) => r.idempotencyKey)).toEqual([`bc-customer-${accountId}`]);
});

it('nobody listening: 503; after the provider comes back (and forgot everything) a new customer is made', async () => {
  const { token, accountId } = await owner();
  expect((await register(token)).status).toBe(200);
  const [before] = await sql<{ provider_customer_id: string }>(
    `SELECT provider_customer_id FROM payment_methods WHERE account_id = $1`,
    [accountId],
  );

  const port = sandbox.port;
  await sandbox.close();
  expectUnavailable(await startSetup(token));
  const [still] = await sql<{ last4: string }>(`SELECT last4 FROM payment_methods WHERE account_id = $1`, [
    accountId,
  ]);
  expect(still.last4).toBe('4242');

  // The same port again, with an empty memory (as after restarting scripts/start.sh).
  sandbox = await startTestPaymentSandbox(port);
  const res = await register(token, '5555555555554444');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ brand: 'mastercard', last4: '4444' });
  const [after] = await sql<{ provider_customer_id: string }>(
    `SELECT provider_customer_id FROM payment_methods WHERE account_id = $1`,
    [accountId],
  );
  expect(after.provider_customer_id).not.toBe(before.provider_customer_id);
  expect(sandbox.customer(after.provider_customer_id)?.metadata).toEqual({ account_id: accountId });
});
