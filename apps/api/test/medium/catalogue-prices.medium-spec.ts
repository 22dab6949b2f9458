import type { DomainError } from '../../src/common/errors/domain-error';
import { MovePricesToFirstOfMonth1766000200000 } from '../../src/database/migrations/1766000200000-MovePricesToFirstOfMonth';
import { CatalogueRepository } from '../../src/modules/billing/catalogue.repository';
import { CatalogueService } from '../../src/modules/billing/catalogue.service';
import { Clock } from '../../src/modules/billing/clock';
import type { CreatePriceDto } from '../../src/modules/billing/dto/catalogue.dto';
import { startMedium, type MediumContext } from '../support/medium';
import { insertStaff } from '../support/people';

// R2.1, R2.4, R2.8: which prices staff may add — after today (Japan), on a 1st only, at 10% only,
// with the fields their item needs — and which price is in force on a day, against CatalogueService
// and its real repository. The routes (status codes, problem bodies, validation, who may call) keep
// their cases in catalogue.e2e-spec and billing-edges.e2e-spec.

let m: MediumContext;
let catalogue: CatalogueService;
let staffId: string;

beforeAll(async () => {
  m = await startMedium({ providers: [CatalogueService, CatalogueRepository, Clock] });
  catalogue = m.get(CatalogueService);
  staffId = (await insertStaff(m, 'admin', '管理 太郎')).userId;
});
afterAll(() => m?.close());
beforeEach(() => jest.spyOn(m.get(Clock), 'now').mockReturnValue(new Date('2031-05-10T10:00:00+09:00')));
afterEach(() => jest.restoreAllMocks());

const priceRows = () => m.sql(`SELECT item_code, effective_from, amount FROM catalogue_prices ORDER BY id`);

describe('a new price, asked on 10 May 2031 (Japan time)', () => {
  it.each<{ what: string; dto: CreatePriceDto; code: string; pointers: string[] }>([
    {
      what: 'effective today',
      dto: { itemCode: 'rental_address', effectiveFrom: '2031-05-10', amount: 1980 },
      code: 'PRICE_NOT_IN_FUTURE',
      pointers: ['/body/effectiveFrom'],
    },
    {
      what: 'effective yesterday',
      dto: { itemCode: 'rental_address', effectiveFrom: '2031-05-09', amount: 1980 },
      code: 'PRICE_NOT_IN_FUTURE',
      pointers: ['/body/effectiveFrom'],
    },
    {
      what: "effective on this month's 1st",
      dto: { itemCode: 'qa', effectiveFrom: '2031-05-01', amount: 2420 },
      code: 'PRICE_NOT_IN_FUTURE',
      pointers: ['/body/effectiveFrom'],
    },
    {
      what: 'effective on the 15th (R2.4)',
      dto: { itemCode: 'qa', effectiveFrom: '2099-01-15', amount: 2420 },
      code: 'PRICE_NOT_FIRST_OF_MONTH',
      pointers: ['/body/effectiveFrom'],
    },
    {
      what: "effective on a month's last day (R2.4)",
      dto: { itemCode: 'qa', effectiveFrom: '2031-06-30', amount: 2420 },
      code: 'PRICE_NOT_FIRST_OF_MONTH',
      pointers: ['/body/effectiveFrom'],
    },
    {
      what: 'at 8% (R2.8: 10% only)',
      dto: { itemCode: 'qa', effectiveFrom: '2099-01-01', amount: 2200, taxRatePercent: 8 },
      code: 'TAX_RATE_NOT_SUPPORTED',
      pointers: ['/body/taxRatePercent'],
    },
    {
      what: 'for a plan without its call allowance and per-call fee',
      dto: { itemCode: 'luxury', effectiveFrom: '2099-01-01', amount: 12000 },
      code: 'PRICE_FIELDS_INVALID',
      pointers: ['/body/includedCalls', '/body/perCallFee'],
    },
    {
      what: 'for an option with a per-call fee',
      dto: { itemCode: 'qa', effectiveFrom: '2099-01-01', amount: 2200, perCallFee: 10 },
      code: 'PRICE_FIELDS_INVALID',
      pointers: ['/body/perCallFee'],
    },
  ])('refuses one $what ($code), storing nothing', async ({ dto, code, pointers }) => {
    const before = await priceRows();
    const err = await catalogue.addPrice(dto, staffId).then(
      () => null,
      (e: DomainError) => e,
    );
    expect(err).toMatchObject({ code });
    expect(err?.options.fieldErrors?.map((f) => f.pointer)).toEqual(pointers);
    expect(await priceRows()).toEqual(before);
  });

  it('says the next 1st possible when the day is not a 1st', async () => {
    await expect(
      catalogue.addPrice({ itemCode: 'qa', effectiveFrom: '2031-07-15', amount: 2420 }, staffId),
    ).rejects.toThrow('next possible: 2031-06-01');
  });

  it('schedules one on a later 1st at 10%, once per item and day', async () => {
    const dto: CreatePriceDto = { itemCode: 'qa', effectiveFrom: '2031-06-01', amount: 2420 };
    expect(await catalogue.addPrice(dto, staffId)).toMatchObject({
      itemCode: 'qa',
      itemKind: 'option',
      effectiveFrom: '2031-06-01',
      amount: 2420,
      includedCalls: null,
      perCallFee: null,
      taxRatePercent: 10,
      status: 'scheduled',
      createdBy: staffId,
    });
    await expect(catalogue.addPrice({ ...dto, amount: 3300 }, staffId)).rejects.toMatchObject({
      code: 'PRICE_ALREADY_SCHEDULED',
    });
  });
});

describe('the price in force on a day', () => {
  it('is the latest row effective on or before it', async () => {
    await m.sql(
      `INSERT INTO catalogue_prices (item_code, effective_from, amount, included_calls, per_call_fee, tax_rate_percent)
       VALUES ('luxury', '2031-08-01', 12100, 110, 154, 10)`,
    );
    const luxuryOn = async (day: string) => (await catalogue.on(day)).plans.find((p) => p.code === 'luxury');
    expect(await luxuryOn('2031-07-31')).toMatchObject({
      monthlyFee: 11000,
      includedCalls: 100,
      perCallFee: 143,
    });
    expect(await luxuryOn('2031-08-01')).toMatchObject({
      monthlyFee: 12100,
      includedCalls: 110,
      perCallFee: 154,
      perCallFeeTaxExcluded: 140,
      effectiveFrom: '2031-08-01',
    });
    // the day before the demo catalogue starts, nothing is priced yet
    expect((await catalogue.on('2025-12-31')).plans).toEqual([]);
  });
});

describe('prices scheduled before R2.4 for a day other than a 1st (migration)', () => {
  it('moves them to the next 1st; prices in force stay', async () => {
    const add = (from: string, amount: number) =>
      m.sql(
        `INSERT INTO catalogue_prices (item_code, effective_from, amount) VALUES ('out_of_hours_announcement', $1, $2)`,
        [from, amount],
      );
    // the migration compares with the real date: 2026-02-15 has passed, the 2099 ones have not
    await add('2026-02-15', 1210); // in force already: history
    await add('2099-03-15', 1320); // → 2099-04-01
    await add('2099-05-10', 1430); // same month as the next: superseded
    await add('2099-05-20', 1540); // → 2099-06-01
    await add('2099-07-10', 1650); // 2099-08-01 has a price: superseded
    await add('2099-08-01', 1760);
    const runner = m.database.dataSource.createQueryRunner();
    try {
      await new MovePricesToFirstOfMonth1766000200000().up(runner);
    } finally {
      await runner.release();
    }
    const rows = await m.sql<{ from: string; amount: number }>(
      `SELECT to_char(effective_from, 'YYYY-MM-DD') AS from, amount FROM catalogue_prices
       WHERE item_code = 'out_of_hours_announcement' ORDER BY effective_from`,
    );
    expect(rows).toEqual([
      { from: '2026-01-01', amount: 1100 },
      { from: '2026-02-15', amount: 1210 },
      { from: '2099-04-01', amount: 1320 },
      { from: '2099-06-01', amount: 1540 },
      { from: '2099-08-01', amount: 1760 },
    ]);
  });
});
