import type { AppConfig } from '../../../config/app.config';
import type { DatabaseService } from '../../../database/database.service';
import type { AccountsService } from '../../accounts/accounts.service';
import type { CountedCallsService } from '../../calls/usage/counted-calls.service';
import type { Clock } from '../clock';
import type { ChargesService } from '../invoices/charges.service';
import { earliestRunStart, runMayStart } from '../invoices/invoice-math';
import type { ChargeAttemptsRepository } from '../invoices/charge-attempts.repository';
import type { InvoicesRepository } from '../invoices/invoices.repository';
import type { MonthPricingRepository } from '../pricing/month-pricing.repository';
import type { BillingRunsRepository, RunRow } from './billing-runs.repository';
import type { InvoicesService } from '../invoices/invoices.service';
import { BillingRunService } from './billing-run.service';

const aRun = (over: Partial<RunRow> = {}): RunRow => ({
  id: 'run-1',
  period: '2027-01',
  kind: 'monthly',
  status: 'running',
  trigger: 'staff',
  startedBy: null,
  accountsTotal: 0,
  invoicesCreated: 0,
  toCharge: 0,
  charged: 0,
  failed: 0,
  error: null,
  startedAt: new Date(),
  pricedAt: null,
  finishedAt: null,
  ...over,
});

function setup(now: string) {
  const runs = {
    findRunningRun: jest.fn(async () => null),
    insertRun: jest.fn(async (input: { period: string; kind: 'monthly' | 'second_day' }) => aRun(input)),
    findRun: jest.fn(async () => aRun()),
    markRunFailed: jest.fn(async () => undefined),
    accountRanges: jest.fn(async () => []),
  };
  const queue = { add: jest.fn(async () => ({})) };
  const clock: Clock = { now: () => new Date(now) };
  const service = new BillingRunService(
    runs as unknown as BillingRunsRepository,
    {} as MonthPricingRepository,
    {} as InvoicesRepository,
    {} as ChargeAttemptsRepository,
    { issuer: () => ({ issuerName: 'x', issuerRegistrationNumber: 'T0000000000000' }) } as InvoicesService,
    {} as ChargesService,
    { countsForMonth: jest.fn(async () => new Map()) } as unknown as CountedCallsService,
    { invoiceRecipientNames: jest.fn(async () => new Map()) } as unknown as AccountsService,
    {} as DatabaseService,
    clock,
    queue as unknown as ConstructorParameters<typeof BillingRunService>[10],
    { billingRun: { pricingChunkSize: 1000 } } as AppConfig,
  );
  return { service, runs, queue };
}

describe('when a billing run may start (R2.4 [decided])', () => {
  it('allows a month from 00:00 on its 1st in Japan, which is 15:00 UTC the day before', () => {
    expect(earliestRunStart('2027-01', 'monthly').toISOString()).toBe('2026-12-31T15:00:00.000Z');
    expect(runMayStart('2027-01', 'monthly', new Date('2026-12-31T14:59:59.999Z'))).toBe(false);
    expect(runMayStart('2027-01', 'monthly', new Date('2026-12-31T15:00:00.000Z'))).toBe(true);
  });

  it("allows options' first month (the second-day run) from 00:00 on the 2nd only", () => {
    expect(runMayStart('2027-01', 'second_day', new Date('2027-01-01T14:59:59.999Z'))).toBe(false);
    expect(runMayStart('2027-01', 'second_day', new Date('2027-01-01T15:00:00.000Z'))).toBe(true);
  });

  it('always allows past months (a month run again bills nothing twice)', () => {
    expect(runMayStart('2026-04', 'monthly', new Date('2026-12-15T00:00:00Z'))).toBe(true);
    expect(runMayStart('2026-04', 'second_day', new Date('2026-12-15T00:00:00Z'))).toBe(true);
  });
});

describe('BillingRunService.start', () => {
  it('refuses January on 15 December, saying from when, and creates no run', async () => {
    const { service, runs, queue } = setup('2026-12-15T01:00:00Z');
    await expect(service.start('2027-01', 'monthly', 'staff')).rejects.toMatchObject({
      code: 'BILLING_RUN_TOO_EARLY',
      message: expect.stringContaining('2027-01-01'),
      options: { fieldErrors: [expect.objectContaining({ pointer: '/body/period' })] },
    });
    expect(runs.insertRun).not.toHaveBeenCalled();
    expect(queue.add).not.toHaveBeenCalled();
  });

  it('refuses the second-day run on the 1st and starts it on the 2nd', async () => {
    const first = setup('2027-01-01T10:00:00+09:00');
    await expect(first.service.start('2027-01', 'second_day', 'staff')).rejects.toMatchObject({
      code: 'BILLING_RUN_TOO_EARLY',
    });
    const second = setup('2027-01-02T00:00:00+09:00');
    await expect(second.service.start('2027-01', 'second_day', 'staff')).resolves.toMatchObject({
      period: '2027-01',
      kind: 'second_day',
    });
  });
});

describe('the schedule', () => {
  it('fired a moment before 1 January, takes January and is refused (then retried), never re-bills December', async () => {
    const { service, runs } = setup('2026-12-31T23:59:59.500+09:00');
    await expect(service.startScheduled('monthly')).rejects.toMatchObject({ code: 'BILLING_RUN_TOO_EARLY' });
    expect(runs.insertRun).not.toHaveBeenCalled();
  });

  it('fired on time bills the month that has just begun', async () => {
    const { service } = setup('2027-01-01T00:00:00.200+09:00');
    await expect(service.startScheduled('monthly')).resolves.toMatchObject({ period: '2027-01' });
  });

  it('fired a moment before the 2nd is refused for the second-day run', async () => {
    const { service } = setup('2027-01-01T23:59:59.900+09:00');
    await expect(service.startScheduled('second_day')).rejects.toMatchObject({
      code: 'BILLING_RUN_TOO_EARLY',
    });
  });
});

describe('BillingRunService.price', () => {
  it('fails, without pricing, a run of a month not begun that reached the worker some other way', async () => {
    const { service, runs } = setup('2026-12-15T01:00:00Z');
    await expect(service.price('run-1', 0)).resolves.toEqual({ created: 0, toCharge: 0 });
    expect(runs.markRunFailed).toHaveBeenCalledWith('run-1', expect.stringContaining('2027-01-01'));
    expect(runs.accountRanges).not.toHaveBeenCalled();
  });
});
