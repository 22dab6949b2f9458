import type { AdminInvoice } from '../api/account-invoices';
import type { BillingRun } from '../api/billing-runs';

// What the staff billing pages' tests are given by the fake API: an account, a run and an
// invoice with one declined attempt, each changed per test through `overrides`. Typed by the
// client's DTOs, so a fixture that drifts from the API stops compiling.

export const ACCOUNT = '5d1f7c2a-0b3e-4f5a-9c8d-7e6f5a4b3c2d';

export const aRun = (overrides: Partial<BillingRun> = {}): BillingRun => ({
  id: 'a7c1e2d3-4b5f-4a6e-8d9c-0b1a2c3d4e5f',
  period: '2026-04',
  kind: 'monthly',
  status: 'completed',
  trigger: 'staff',
  accountsTotal: 6,
  invoicesCreated: 6,
  toCharge: 6,
  charged: 5,
  failed: 1,
  error: null,
  startedAt: '2026-03-31T15:00:00.000Z',
  pricedAt: '2026-03-31T15:00:02.000Z',
  finishedAt: '2026-03-31T15:00:09.000Z',
  ...overrides,
});

export const anInvoice = (overrides: Partial<AdminInvoice> = {}): AdminInvoice => ({
  id: 'c3d4e5f6-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
  number: 'BC-00000005',
  kind: 'monthly',
  period: '2026-04',
  issueDate: '2026-04-01',
  total: 5500,
  taxAmount: 500,
  taxRatePercent: 10,
  status: 'retrying',
  paidAt: null,
  nextAttemptAt: '2026-04-01T15:00:00.000Z',
  correctsInvoiceId: null,
  credited: 0,
  receiptAvailable: false,
  lines: [
    {
      position: 1,
      itemCode: 'standard',
      description: 'スタンダード 月額料金 2026年4月分',
      quantity: 1,
      unitPrice: 5500,
      amount: 5500,
      taxRatePercent: 10,
    },
  ],
  issuerName: 'BusinessCall株式会社',
  issuerRegistrationNumber: 'T7120001168421',
  recipientName: '株式会社サンプル商事',
  accountId: ACCOUNT,
  attempts: 1,
  runId: null,
  reason: null,
  remaining: 5500,
  payments: [
    {
      id: 'd4e5f6a7-1b2c-4d3e-9f4a-5b6c7d8e9f0a',
      attemptNo: 1,
      idempotencyKey: 'invoice-c3d4e5f6-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
      amount: 5500,
      trigger: 'run',
      status: 'declined',
      providerPaymentId: null,
      failureCode: 'insufficient_funds',
      failureMessage: 'The card was declined.',
      createdAt: '2026-03-31T15:00:01.000Z',
      finishedAt: '2026-03-31T15:00:01.000Z',
    },
  ],
  ...overrides,
});
