import type { AuthUser } from '../../src/common/auth/auth-user';
import { CardsService } from '../../src/modules/billing/payments/cards.service';
import { VISA } from '../support/billing';
import { ownerOf, startMoneyMedium, type MoneyContext } from '../support/billing-run';
import { insertAccount } from '../support/factories';
import { startTestPaymentSandbox, type TestPaymentSandbox } from '../support/payment-sandbox';

// R1.5, R1.6: which cards are kept and what is kept of them, against CardsService and its real
// repositories, with the card confirmed in the loopback payment sandbox's card fields (through
// the real Stripe SDK). The routes (status codes, problem bodies, who may call, what our API asks
// the provider) keep their cases in cards.e2e-spec; 3-D Secure and webhooks in payments-3ds.e2e-spec.

let m: MoneyContext;
let sandbox: TestPaymentSandbox;
let cards: CardsService;

beforeAll(async () => {
  sandbox = await startTestPaymentSandbox();
  m = await startMoneyMedium(sandbox);
  cards = m.get(CardsService);
});
afterAll(async () => {
  await m?.close();
  await sandbox?.close();
});

type Card = { number: string; expMonth?: number; expYear?: number };

/** An owner who signed up and has not registered a card (the account is `applied`). */
async function owner(): Promise<AuthUser & { accountId: string }> {
  const accountId = await insertAccount(m, { state: 'applied' });
  return { ...(await ownerOf(m, accountId)), accountId };
}

/** The registration as the web app does it: a SetupIntent, the card fields, then completed. */
async function register(o: AuthUser, card: Card) {
  const setup = await cards.startSetup(o);
  await sandbox.confirmInCardFields(setup.clientSecret, card);
  return cards.completeSetup(o, setup.setupIntentId);
}

const cardRows = (accountId: string) =>
  m.sql<Record<string, unknown>>(`SELECT * FROM payment_methods WHERE account_id = $1`, [accountId]);
const cardHistory = (accountId: string) =>
  m.sql<{ kind: string; detail: Record<string, unknown>; actor_kind: string }>(
    `SELECT kind, detail, actor_kind FROM account_history WHERE account_id = $1 AND kind LIKE 'card.%' ORDER BY id`,
    [accountId],
  );
const accountFacts = async (accountId: string) =>
  (
    await m.sql<{ state: string; card_registered_at: Date | null }>(
      `SELECT state, card_registered_at FROM accounts WHERE id = $1`,
      [accountId],
    )
  )[0];

async function expectNothingStored(accountId: string) {
  expect(await cardRows(accountId)).toEqual([]);
  expect(await cardHistory(accountId)).toEqual([]);
  expect(await accountFacts(accountId)).toMatchObject({ state: 'applied', card_registered_at: null });
}

describe('the six brands of R1.5', () => {
  it.each<{ brand: string; brandName: string; number: string }>([
    { brand: 'visa', brandName: 'Visa', number: VISA },
    { brand: 'mastercard', brandName: 'Mastercard', number: '5555555555554444' },
    { brand: 'jcb', brandName: 'JCB', number: '3566002020360505' },
    { brand: 'amex', brandName: 'American Express', number: '378282246310005' },
    { brand: 'diners', brandName: 'Diners Club', number: '36227206271667' },
    { brand: 'discover', brandName: 'Discover', number: '6011111111111117' },
  ])(
    'accepts $brandName and keeps only brand, last 4 digits and expiry',
    async ({ brand, brandName, number }) => {
      const o = await owner();
      const card = await register(o, { number, expMonth: 7, expYear: 2031 });
      expect(card).toEqual({
        brand,
        brandName,
        last4: number.slice(-4),
        expMonth: 7,
        expYear: 2031,
        expired: false,
        registeredAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(await cards.getCard(o.accountId)).toEqual(card);
      const [row] = await cardRows(o.accountId);
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
      const everything = JSON.stringify(await m.sql(`SELECT * FROM payment_methods`));
      expect(everything).not.toContain(number);
      expect(everything).not.toContain(number.slice(0, 8));
      expect(await cardHistory(o.accountId)).toEqual([
        { kind: 'card.registered', actor_kind: 'customer', detail: { brand, last4: number.slice(-4) } },
      ]);
      expect((await accountFacts(o.accountId)).card_registered_at).not.toBeNull();
    },
  );
});

describe('cards refused', () => {
  it.each<{ what: string; number: string; code: string }>([
    { what: 'UnionPay', number: '6200000000000005', code: 'CARD_BRAND_NOT_ACCEPTED' },
    { what: 'a card the issuer declines', number: '4000000000000002', code: 'CARD_DECLINED' },
    { what: 'an expired card', number: '4000000000000069', code: 'CARD_EXPIRED' },
  ])('$what: $code, nothing stored', async ({ number, code }) => {
    const o = await owner();
    await expect(register(o, { number })).rejects.toMatchObject({ code });
    await expectNothingStored(o.accountId);
  });

  it('names the brand refused and the six accepted', async () => {
    const o = await owner();
    const refused = register(o, { number: '6200000000000005' });
    await expect(refused).rejects.toThrow(/unionpay/i);
    await expect(refused).rejects.toThrow('Visa, Mastercard, JCB, American Express, Diners Club, Discover');
  });

  it('after a decline, another card works on the same provider customer', async () => {
    const o = await owner();
    await expect(register(o, { number: '4000000000000002' })).rejects.toMatchObject({
      code: 'CARD_DECLINED',
    });
    await register(o, { number: VISA });
    expect(await cardRows(o.accountId)).toHaveLength(1);
    const created = sandbox
      .requests()
      .filter(
        (r) =>
          r.method === 'POST' &&
          r.path === '/v1/customers' &&
          r.idempotencyKey === `bc-customer-${o.accountId}`,
      );
    expect(created).toHaveLength(1);
  });
});

describe('changing the card', () => {
  it('keeps one row and one provider customer, replaces the card, and writes the history', async () => {
    const o = await owner();
    const first = await register(o, { number: VISA });
    const [before] = await cardRows(o.accountId);
    const second = await register(o, { number: '3566002020360505', expMonth: 3, expYear: 2032 });
    expect(second).toMatchObject({ brand: 'jcb', last4: '0505', expMonth: 3, expYear: 2032 });
    expect(second.registeredAt).toBe(first.registeredAt);
    expect(new Date(second.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(first.updatedAt).getTime());
    const rows = await cardRows(o.accountId);
    expect(rows).toHaveLength(1);
    expect(rows[0].provider_customer_id).toBe(before.provider_customer_id);
    expect(rows[0].provider_payment_method_id).not.toBe(before.provider_payment_method_id);
    expect(await cardHistory(o.accountId)).toEqual([
      { kind: 'card.registered', actor_kind: 'customer', detail: { brand: 'visa', last4: '4242' } },
      { kind: 'card.changed', actor_kind: 'customer', detail: { brand: 'jcb', last4: '0505' } },
    ]);
  });
});

describe('onboarding (R1.6)', () => {
  it('a card alone leaves the account applied; with approved documents it is ready for a number', async () => {
    const a = await owner();
    await register(a, { number: VISA });
    expect((await accountFacts(a.accountId)).state).toBe('applied');

    const b = await owner();
    await m.sql(`UPDATE accounts SET identity_status = 'approved' WHERE id = $1`, [b.accountId]);
    await register(b, { number: '5555555555554444' });
    expect((await accountFacts(b.accountId)).state).toBe('ready_for_number');
    const states = await m.sql<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM account_history WHERE account_id = $1 AND kind = 'state.changed'`,
      [b.accountId],
    );
    expect(states.map((s) => s.detail)).toEqual([{ from: 'applied', to: 'ready_for_number' }]);
  });
});
