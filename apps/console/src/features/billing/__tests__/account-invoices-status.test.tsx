import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import { ACCOUNT, anInvoice } from './billing-kit';

// Issue 17: staff see that an invoice waits for the cardholder's 3-D Secure authentication.
const operator = () => json(200, aSession(aStaffMember({ role: 'operator', name: '受付 担当' })));

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
