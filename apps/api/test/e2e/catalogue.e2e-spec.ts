import { addDays, tokyoDate } from '@bc/domain';
import { CatalogueService } from '../../src/modules/billing/catalogue.service';
import { signUpCustomer, staffSession } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: string;
let operator: string;
let customer: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await staffSession(t, 'admin')).accessToken;
  operator = (await staffSession(t, 'operator')).accessToken;
  customer = (await signUpCustomer(t)).session.accessToken;
});
afterAll(() => t.close());

const today = () => tokyoDate(new Date());
/** The 1st of the month `n` months after this one (Japan): R2.4, prices change on a 1st only. */
const firstOfMonth = (n: number) => {
  const [y, m] = today().split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 10);
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('GET /api/v1/catalogue (public)', () => {
  it('shows the demo prices and the daily-rate table to anyone', async () => {
    const res = await t.http().get('/api/v1/catalogue').expect(200);
    expect(res.body.asOf).toBe(today());
    expect(res.body.currency).toBe('JPY');
    expect(res.body.plans).toEqual([
      {
        code: 'standard',
        name: { ja: 'スタンダード', en: 'Standard' },
        monthlyFee: 5500,
        includedCalls: 40,
        perCallFee: 176,
        perCallFeeTaxExcluded: 160,
        taxRatePercent: 10,
        effectiveFrom: '2026-01-01',
        dailyRates: [
          { daysInMonth: 28, dailyRate: 196 },
          { daysInMonth: 29, dailyRate: 189 },
          { daysInMonth: 30, dailyRate: 183 },
          { daysInMonth: 31, dailyRate: 177 },
        ],
      },
      {
        code: 'luxury',
        name: { ja: 'ラグジュアリー', en: 'Luxury' },
        monthlyFee: 11000,
        includedCalls: 100,
        perCallFee: 143,
        perCallFeeTaxExcluded: 130,
        taxRatePercent: 10,
        effectiveFrom: '2026-01-01',
        dailyRates: [
          { daysInMonth: 28, dailyRate: 392 },
          { daysInMonth: 29, dailyRate: 379 },
          { daysInMonth: 30, dailyRate: 366 },
          { daysInMonth: 31, dailyRate: 354 },
        ],
      },
    ]);
    expect(res.body.options.map((o: { code: string; monthlyFee: number }) => [o.code, o.monthlyFee])).toEqual(
      [
        ['qa', 2200],
        ['out_of_hours_announcement', 1100],
        ['rental_address', 1650],
      ],
    );
    expect(res.body.initialFee).toMatchObject({ amount: 5500, taxRatePercent: 10 });
    expect(res.body.support).toEqual({
      phone: '0120-935-372',
      days: 'every_day',
      opensAt: '10:00',
      closesAt: '19:00',
      timeZone: 'Asia/Tokyo',
    });
  });

  it('answers the support line on its own route', async () => {
    const res = await t.http().get('/api/v1/support').expect(200);
    expect(res.body).toMatchObject({ phone: '0120-935-372', opensAt: '10:00', closesAt: '19:00' });
  });
});

describe('prices versioned by effective date', () => {
  it('shows a future price only from its date', async () => {
    const nextFirst = firstOfMonth(1);
    const created = await t
      .http()
      .post('/api/v1/admin/catalogue/prices')
      .set(bearer(admin))
      .send({ itemCode: 'qa', effectiveFrom: nextFirst, amount: 3300 })
      .expect(201);
    expect(created.body).toMatchObject({
      itemCode: 'qa',
      itemKind: 'option',
      effectiveFrom: nextFirst,
      amount: 3300,
      includedCalls: null,
      perCallFee: null,
      taxRatePercent: 10,
      status: 'scheduled',
    });

    const now = await t.http().get('/api/v1/catalogue').expect(200);
    expect(now.body.options.find((o: { code: string }) => o.code === 'qa').monthlyFee).toBe(2200);

    const service = t.app.get(CatalogueService);
    const onTomorrow = await service.on(nextFirst);
    expect(onTomorrow.options.find((o) => o.code === 'qa')).toMatchObject({
      monthlyFee: 3300,
      effectiveFrom: nextFirst,
    });
    // the day before the demo catalogue starts, nothing is priced yet
    expect((await service.on('2025-12-31')).plans).toEqual([]);
  });

  it('uses a row that took effect yesterday instead of the older one', async () => {
    // Rows for past dates cannot be added through the API; this one stands for a price added earlier.
    await t.database.dataSource.query(
      `INSERT INTO catalogue_prices (item_code, effective_from, amount, included_calls, per_call_fee, tax_rate_percent)
       VALUES ('luxury', $1, 12100, 110, 154, 10)`,
      [addDays(today(), -1)],
    );
    const res = await t.http().get('/api/v1/catalogue').expect(200);
    const luxury = res.body.plans.find((p: { code: string }) => p.code === 'luxury');
    expect(luxury).toMatchObject({ monthlyFee: 12100, includedCalls: 110, perCallFee: 154 });
    expect(luxury.perCallFeeTaxExcluded).toBe(140);
    expect(luxury.dailyRates.map((r: { dailyRate: number }) => r.dailyRate)).toEqual([432, 417, 403, 390]);
  });
});

describe('staff price administration', () => {
  it('lists the price history to operators and admins, marked past / current / scheduled', async () => {
    const inAWeek = firstOfMonth(2);
    await t
      .http()
      .post('/api/v1/admin/catalogue/prices')
      .set(bearer(admin))
      .send({
        itemCode: 'standard',
        effectiveFrom: inAWeek,
        amount: 6050,
        includedCalls: 45,
        perCallFee: 176,
      })
      .expect(201);
    const res = await t.http().get('/api/v1/admin/catalogue/prices').set(bearer(operator)).expect(200);
    expect(res.body.today).toBe(today());
    const standard = res.body.items.filter((r: { itemCode: string }) => r.itemCode === 'standard');
    expect(
      standard.map((r: { effectiveFrom: string; status: string }) => [r.effectiveFrom, r.status]),
    ).toEqual([
      ['2026-01-01', 'current'],
      [inAWeek, 'scheduled'],
    ]);
    expect(res.body.items.filter((r: { status: string }) => r.status === 'current')).toHaveLength(6);
  });

  it('refuses customers and operators on the write route, and anonymous callers on both', async () => {
    const body = { itemCode: 'qa', effectiveFrom: firstOfMonth(3), amount: 1 };
    const asCustomer = await t
      .http()
      .post('/api/v1/admin/catalogue/prices')
      .set(bearer(customer))
      .send(body)
      .expect(403);
    expect(asCustomer.body.code).toBe('FORBIDDEN');
    await t.http().post('/api/v1/admin/catalogue/prices').set(bearer(operator)).send(body).expect(403);
    await t.http().get('/api/v1/admin/catalogue/prices').set(bearer(customer)).expect(403);
    await t.http().post('/api/v1/admin/catalogue/prices').send(body).expect(401);
    await t.http().get('/api/v1/admin/catalogue/prices').expect(401);
  });

  // yesterday, and the other rules of a new price (a 1st only, 10% only, the fields a plan needs):
  // test/medium/catalogue-prices.medium-spec.ts
  it('refuses a price effective today (never change the past)', async () => {
    const res = await t
      .http()
      .post('/api/v1/admin/catalogue/prices')
      .set(bearer(admin))
      .send({ itemCode: 'rental_address', effectiveFrom: today(), amount: 1980 })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('PRICE_NOT_IN_FUTURE');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/body/effectiveFrom', code: 'PRICE_NOT_IN_FUTURE' }),
    ]);
  });

  it('refuses a second price for the same item and date (409)', async () => {
    const body = { itemCode: 'initial_fee', effectiveFrom: firstOfMonth(1), amount: 0 };
    await t.http().post('/api/v1/admin/catalogue/prices').set(bearer(admin)).send(body).expect(201);
    const res = await t
      .http()
      .post('/api/v1/admin/catalogue/prices')
      .set(bearer(admin))
      .send({ ...body, amount: 3300 })
      .expect(409);
    expect(res.body.code).toBe('PRICE_ALREADY_SCHEDULED');
  });

  it.each([
    [{ itemCode: 'gold', effectiveFrom: '2099-01-01', amount: 1 }, '/body/itemCode', 'IS_IN'],
    [{ itemCode: 'qa', effectiveFrom: '2099-02-30', amount: 1 }, '/body/effectiveFrom', 'IS_CALENDAR_DATE'],
    [
      { itemCode: 'qa', effectiveFrom: '2099-01-01T00:00:00Z', amount: 1 },
      '/body/effectiveFrom',
      'IS_CALENDAR_DATE',
    ],
    [{ itemCode: 'qa', effectiveFrom: '2099-01-01', amount: 19.5 }, '/body/amount', 'IS_INT'],
    [{ itemCode: 'qa', effectiveFrom: '2099-01-01', amount: -1 }, '/body/amount', 'MIN'],
    [{ itemCode: 'qa', effectiveFrom: '2099-01-01', amount: '2200' }, '/body/amount', 'IS_INT'],
    [{ itemCode: 'qa', effectiveFrom: '2099-01-01' }, '/body/amount', 'IS_INT'],
    [
      { itemCode: 'qa', effectiveFrom: '2099-01-01', amount: 1, taxRatePercent: 101 },
      '/body/taxRatePercent',
      'MAX',
    ],
    [{ itemCode: 'qa', effectiveFrom: '2099-01-01', amount: 1, price: 1 }, '/body/price', 'UNKNOWN_FIELD'],
  ])('validates %j (422 at %s)', async (body, pointer, code) => {
    const res = await t
      .http()
      .post('/api/v1/admin/catalogue/prices')
      .set(bearer(admin))
      .send(body)
      .expect(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer, code })]));
  });
});
