import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

// Issue 17: staff see that an invoice waits for the cardholder's 3-D Secure authentication.
const operator = () => json(200, aSession(aStaffMember({ role: 'operator', name: '受付 担当' })));
const ACCOUNT = '5d1f7c2a-0b3e-4f5a-9c8d-7e6f5a4b3c2d';

const anInvoice = (overrides: Record<string, unknown> = {}) => ({
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

describe("an account's invoices: the state needing the customer", () => {
  it('shows action_required as a badge with what happens next, and offers no retry (ja/en)', async () => {
    for (const language of ['ja', 'en'] as const) {
      const fetch = createFakeFetch({
        'POST /api/v1/admin/auth/refresh': operator,
        [`GET /api/v1/admin/accounts/${ACCOUNT}/invoices`]: () =>
          json(200, {
            items: [
              anInvoice({
                status: 'action_required',
                nextAttemptAt: null,
                payments: [
                  {
                    ...anInvoice().payments[0],
                    status: 'requires_action',
                    failureCode: 'authentication_required',
                  },
                ],
              }),
            ],
            paymentIssue: true,
          }),
      });
      const { unmount } = renderApp({ route: `/accounts/${ACCOUNT}/invoices`, fetch, language });
      const card = await screen.findByTestId('admin-invoice-BC-00000005');
      const status = within(card).getByTestId('invoice-status');
      expect(status).toHaveAttribute('data-status', 'action_required');
      if (language === 'ja') {
        expect(status).toHaveTextContent('本人認証待ち（顧客の操作が必要）');
        expect(card).toHaveTextContent('本人認証待ち');
        expect(within(card).getByTestId('action-required-note')).toHaveTextContent(
          'オーナーに認証用のリンクをメールで送りました',
        );
        expect(within(card).queryByRole('button', { name: '今すぐ再決済する' })).not.toBeInTheDocument();
      } else {
        expect(status).toHaveTextContent(/authentication/i);
        expect(within(card).getByTestId('action-required-note')).toHaveTextContent(
          'The owner was mailed a link',
        );
      }
      unmount();
    }
  });
});
