import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../../testing/render-app';

const session = () =>
  json(200, aSession(aCustomer({ role: 'member', account: anAccount({ state: 'active' }) })));

const invoice = (overrides: Record<string, unknown> = {}) => ({
  id: '0b8e7f4c-6a55-4c3e-9b0f-3d1e0e6f2a11',
  number: 'BC-00000042',
  kind: 'monthly',
  period: '2026-04',
  issueDate: '2026-04-01',
  total: 6380,
  taxAmount: 580,
  taxRatePercent: 10,
  status: 'paid',
  paidAt: '2026-03-31T15:01:00.000Z',
  nextAttemptAt: null,
  correctsInvoiceId: null,
  credited: 0,
  receiptAvailable: true,
  ...overrides,
});

afterEach(() => vi.restoreAllMocks());

describe('請求一覧', () => {
  it('lists every invoice with its state, amount and tax', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session,
      'GET /api/v1/billing/invoices': () =>
        json(200, {
          items: [
            invoice(),
            invoice({
              id: '1c9f8a5d-7b66-4d4f-8c1a-4e2f1f7a3b22',
              number: 'BC-00000041',
              period: '2026-03',
              total: 5500,
              taxAmount: 500,
              status: 'retrying',
              nextAttemptAt: '2026-03-02T15:00:00.000Z',
              receiptAvailable: false,
            }),
          ],
        }),
    });
    renderApp({ route: '/billing/invoices', fetch });
    const table = await screen.findByRole('table', { name: '請求一覧' });
    const paid = within(table).getByTestId('invoice-BC-00000042');
    expect(paid).toHaveTextContent('2026年4月分');
    expect(paid).toHaveTextContent('¥6,380');
    expect(paid).toHaveTextContent('うち消費税 ¥580');
    expect(paid).toHaveTextContent('お支払い済み');
    expect(within(paid).getByRole('button', { name: '領収書 PDF' })).toBeEnabled();
    const retrying = within(table).getByTestId('invoice-BC-00000041');
    expect(retrying).toHaveTextContent('お支払い失敗・再請求予定');
    expect(retrying).toHaveTextContent('2026年3月3日に再請求');
    expect(within(retrying).queryByRole('button', { name: /領収書/ })).toBeNull();
  });

  it('downloads the invoice PDF through the API client', async () => {
    const createObjectURL = vi.fn(() => 'blob:invoice');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session,
      'GET /api/v1/billing/invoices': () => json(200, { items: [invoice()] }),
      'GET /api/v1/billing/invoices/0b8e7f4c-6a55-4c3e-9b0f-3d1e0e6f2a11/invoice.pdf': () =>
        new Response('%PDF-1.3', {
          status: 200,
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': 'attachment; filename="invoice-00000042.pdf"',
          },
        }),
    });
    const { user } = renderApp({ route: '/billing/invoices', fetch });
    const row = await screen.findByTestId('invoice-BC-00000042');
    await user.click(within(row).getByRole('button', { name: '請求書 PDF' }));
    await vi.waitFor(() => expect(clicks).toEqual(['invoice-00000042.pdf']));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(
      fetch.callsTo('GET /api/v1/billing/invoices/0b8e7f4c-6a55-4c3e-9b0f-3d1e0e6f2a11/invoice.pdf'),
    ).toHaveLength(1);
  });

  it('says so when there is no invoice yet', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session,
      'GET /api/v1/billing/invoices': () => json(200, { items: [] }),
    });
    renderApp({ route: '/billing/invoices', fetch });
    expect(await screen.findByText('まだ請求はありません。')).toBeInTheDocument();
  });

  it('shows why a receipt could not be downloaded', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session,
      'GET /api/v1/billing/invoices': () => json(200, { items: [invoice()] }),
      'GET /api/v1/billing/invoices/0b8e7f4c-6a55-4c3e-9b0f-3d1e0e6f2a11/receipt.pdf': () =>
        problem(404, 'RECEIPT_NOT_AVAILABLE'),
    });
    const { user } = renderApp({ route: '/billing/invoices', fetch });
    const row = await screen.findByTestId('invoice-BC-00000042');
    await user.click(within(row).getByRole('button', { name: '領収書 PDF' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('領収書');
  });
});
