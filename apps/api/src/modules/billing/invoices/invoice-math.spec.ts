import {
  chargeIdempotencyKey,
  firstChargeAfter,
  firstInvoiceLines,
  invoiceTax,
  lastDayOf,
  linesTotal,
  nextMonth,
  nextRetryAt,
  previousMonth,
  taxOfTaxIncluded,
  totalsByRate,
  type InvoiceLineInput,
} from './invoice-math';

const standard = { planCode: 'standard', planName: 'スタンダード', monthlyFee: 5500, initialFee: 5500 };
const luxury = { planCode: 'luxury', planName: 'ラグジュアリー', monthlyFee: 11000, initialFee: 5500 };

/** The pro-rata line's daily rate for an issue on the last day of a month (1 day billed). */
const rateOn = (plan: typeof standard, lastDay: string) =>
  firstInvoiceLines({ ...plan, issueDate: lastDay })[1].unitPrice;

describe('the first invoice (R2.3)', () => {
  it("reproduces the guide's daily-rate table for 28/29/30/31-day months", () => {
    const months = ['2026-02-28', '2028-02-29', '2026-04-30', '2026-03-31'];
    expect(months.map((d) => rateOn(standard, d))).toEqual([196, 189, 183, 177]);
    expect(months.map((d) => rateOn(luxury, d))).toEqual([392, 379, 366, 354]);
  });

  it('charges the initial fee plus the days from the issue day to the month end, both included', () => {
    const lines = firstInvoiceLines({ ...standard, issueDate: '2026-03-15' });
    expect(lines.map((l) => [l.itemCode, l.quantity, l.unitPrice])).toEqual([
      ['initial_fee', 1, 5500],
      ['standard', 17, 177],
    ]);
    expect(linesTotal(lines)).toBe(5500 + 17 * 177);
    expect(lines[1].description).toContain('3/15〜3/31');
  });

  it('bills the whole month at the daily rate when issued on the 1st (not the monthly fee)', () => {
    const lines = firstInvoiceLines({ ...luxury, issueDate: '2026-04-01' });
    expect(lines[1]).toMatchObject({ quantity: 30, unitPrice: 366 });
    expect(linesTotal(lines)).toBe(5500 + 10980);
  });

  it('bills one day when issued on the last day of a leap February', () => {
    expect(linesTotal(firstInvoiceLines({ ...standard, issueDate: '2028-02-29' }))).toBe(5500 + 189);
  });
});

describe('when the first invoice is charged (R2.4)', () => {
  const now = new Date('2026-03-15T03:00:00Z');
  it('charges at once on any day but the 1st', () => {
    expect(firstChargeAfter('2026-03-15', now)).toBe(now);
    expect(firstChargeAfter('2026-03-31', now)).toBe(now);
  });
  it('charges on the 2nd at 00:00 Japan time when issued on the 1st', () => {
    expect(firstChargeAfter('2026-04-01', now).toISOString()).toBe('2026-04-01T15:00:00.000Z');
    expect(firstChargeAfter('2026-12-01', now).toISOString()).toBe('2026-12-01T15:00:00.000Z');
  });
});

describe('tax (R2.8)', () => {
  it('is floor(total × 10 ÷ 110), computed once per invoice', () => {
    expect(taxOfTaxIncluded(5500)).toBe(500);
    expect(taxOfTaxIncluded(588)).toBe(53);
    expect(taxOfTaxIncluded(0)).toBe(0);
  });

  it('rounds the total once, not each line (per-line rounding would lose a yen here)', () => {
    const line = { itemCode: 'qa', description: '', quantity: 1, unitPrice: 105 };
    const lines: InvoiceLineInput[] = [line, line];
    expect(lines.reduce((s, l) => s + taxOfTaxIncluded(l.unitPrice), 0)).toBe(18); // 9 + 9
    expect(taxOfTaxIncluded(linesTotal(lines))).toBe(19); // floor(210 × 10 / 110)
  });

  it('is computed once per rate, each line at its own rate, lines without a rate at 10%', () => {
    const lines: InvoiceLineInput[] = [
      { itemCode: 'standard', description: '', quantity: 1, unitPrice: 5500, taxRatePercent: 10 },
      { itemCode: 'overage', description: '', quantity: 3, unitPrice: 176 },
      { itemCode: 'rental_address', description: '', quantity: 1, unitPrice: 1650, taxRatePercent: 8 },
      { itemCode: 'x', description: '', quantity: 1, unitPrice: 105, taxRatePercent: 8 },
    ];
    expect(totalsByRate(lines)).toEqual([
      { ratePercent: 8, total: 1755, tax: 130 }, // floor(1,755 × 8 / 108), not 122 + 7
      { ratePercent: 10, total: 6028, tax: 548 },
    ]);
    expect(invoiceTax(lines)).toBe(678);
  });
});

describe('months and retries', () => {
  it('walks months across the year and leap Februaries', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
  });

  it('retries a declined charge on days 1, 3, 5 and 7 after the first attempt, then gives up', () => {
    const first = new Date('2026-04-01T00:05:00Z');
    const at = [1, 2, 3, 4, 5].map((n) => nextRetryAt(first, n)?.toISOString() ?? null);
    expect(at).toEqual([
      '2026-04-02T00:05:00.000Z',
      '2026-04-04T00:05:00.000Z',
      '2026-04-06T00:05:00.000Z',
      '2026-04-08T00:05:00.000Z',
      null,
    ]);
  });

  it('sends invoice-<id> as the first idempotency key and a new key per retry', () => {
    expect(chargeIdempotencyKey('abc', 1)).toBe('invoice-abc');
    expect(chargeIdempotencyKey('abc', 2)).toBe('invoice-abc-attempt-2');
  });
});
