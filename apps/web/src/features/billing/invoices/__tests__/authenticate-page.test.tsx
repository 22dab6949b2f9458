import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../../testing/render-app';
import type { CardFieldsAdapter, CardFieldsResult } from '../../../../lib/card-fields';

// The provider's side is the card-fields port; this fake says what the challenge does.
const provider = vi.hoisted(() => ({
  loaded: [] as unknown[],
  authentications: [] as unknown[],
  next: null as CardFieldsResult | null,
}));

vi.mock('../../../../lib/card-fields', () => ({
  loadCardFields: (config: unknown) => {
    provider.loaded.push(config);
    const adapter: CardFieldsAdapter = {
      kind: 'sandbox',
      mount: () => Promise.resolve(),
      confirmSetup: () => Promise.resolve({ status: 'failed', code: null, message: '' }),
      authenticatePayment: (options) => {
        provider.authentications.push(options);
        return Promise.resolve(provider.next ?? { status: 'redirecting' });
      },
      unmount: () => {},
    };
    return Promise.resolve(adapter);
  },
}));

const ID = '0b8e7f4c-6a55-4c3e-9b0f-3d1e0e6f2a11';
const session =
  (role: 'owner' | 'member' = 'owner') =>
  () =>
    json(200, aSession(aCustomer({ role, account: anAccount({ state: 'active' }) })));

const invoice = (overrides: Record<string, unknown> = {}) => ({
  id: ID,
  number: 'BC-00000042',
  kind: 'monthly',
  period: '2026-04',
  issueDate: '2026-04-01',
  total: 6380,
  taxAmount: 580,
  taxRatePercent: 10,
  status: 'action_required',
  paidAt: null,
  nextAttemptAt: null,
  correctsInvoiceId: null,
  credited: 0,
  receiptAvailable: false,
  lines: [],
  issuerName: 'BusinessCall株式会社',
  issuerRegistrationNumber: 'T7120001168421',
  recipientName: '山田商事',
  ...overrides,
});

beforeEach(() => {
  provider.loaded.length = 0;
  provider.authentications.length = 0;
  provider.next = null;
});

describe('お支払いの本人認証 page', () => {
  it('shows the invoice and opens the issuer’s challenge (sandbox: by redirect)', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session(),
      [`GET /api/v1/billing/invoices/${ID}`]: () => json(200, invoice()),
      [`POST /api/v1/billing/invoices/${ID}/authentication`]: () =>
        json(200, {
          invoiceId: ID,
          status: 'requires_action',
          paymentIntentId: 'pi_1',
          clientSecret: 'pi_1_secret_x',
          redirectUrl: 'http://sandbox.test/3ds/pi_1?client_secret=pi_1_secret_x',
          adapter: 'sandbox',
          publishableKey: 'pk_test_web',
          returnPath: `/billing/invoices/${ID}/authenticate`,
        }),
    });
    const { user } = renderApp({ route: `/billing/invoices/${ID}/authenticate`, fetch });
    const details = await screen.findByTestId('authenticate-invoice');
    expect(details).toHaveTextContent('2026年4月分');
    expect(details).toHaveTextContent('¥6,380');
    expect(details).toHaveTextContent('カードの本人認証が必要です');
    await user.click(screen.getByRole('button', { name: '本人認証へ進む' }));
    expect(await screen.findByText('カード会社の認証画面へ移動します…')).toBeInTheDocument();
    expect(provider.loaded).toEqual([{ adapter: 'sandbox', publishableKey: 'pk_test_web', url: null }]);
    expect(provider.authentications).toEqual([
      {
        clientSecret: 'pi_1_secret_x',
        redirectUrl: 'http://sandbox.test/3ds/pi_1?client_secret=pi_1_secret_x',
      },
    ]);
    expect(fetch.callsTo(`POST /api/v1/billing/invoices/${ID}/authentication/complete`)).toHaveLength(0);
  });

  it('back from the challenge: our API says paid', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session(),
      [`GET /api/v1/billing/invoices/${ID}`]: () => json(200, invoice()),
      [`POST /api/v1/billing/invoices/${ID}/authentication/complete`]: () =>
        json(200, invoice({ status: 'paid', paidAt: '2026-04-03T01:00:00.000Z', receiptAvailable: true })),
    });
    renderApp({
      route: `/billing/invoices/${ID}/authenticate?payment_intent=pi_1&payment_intent_client_secret=s&redirect_status=succeeded`,
      fetch,
    });
    expect(await screen.findByText('お支払いが完了しました')).toBeInTheDocument();
    expect(screen.getByTestId('authenticate-invoice')).toHaveTextContent('お支払い済み');
    expect(fetch.callsTo(`POST /api/v1/billing/invoices/${ID}/authentication/complete`)).toHaveLength(1);
  });

  it('a failed challenge: a clear message, a retry and the way to change the card', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session(),
      [`GET /api/v1/billing/invoices/${ID}`]: () => json(200, invoice()),
      [`POST /api/v1/billing/invoices/${ID}/authentication/complete`]: () =>
        problem(422, 'PAYMENT_AUTHENTICATION_FAILED'),
    });
    renderApp({
      route: `/billing/invoices/${ID}/authenticate?payment_intent=pi_1&redirect_status=failed`,
      fetch,
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '本人認証（3-Dセキュア）ができなかったため、お支払いは完了していません。',
    );
    expect(screen.getByRole('button', { name: 'もう一度認証する' })).toBeEnabled();
    expect(screen.getByRole('link', { name: 'カードを変更する' })).toHaveAttribute('href', '/card');
  });

  it('Stripe: authenticated in its own dialog, then paid (English)', async () => {
    provider.next = { status: 'succeeded', intentId: 'pi_1' };
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session(),
      [`GET /api/v1/billing/invoices/${ID}`]: () => json(200, invoice()),
      [`POST /api/v1/billing/invoices/${ID}/authentication`]: () =>
        json(200, {
          invoiceId: ID,
          status: 'requires_action',
          paymentIntentId: 'pi_1',
          clientSecret: 'pi_1_secret_x',
          redirectUrl: null,
          adapter: 'stripe',
          publishableKey: 'pk_live_x',
          returnPath: `/billing/invoices/${ID}/authenticate`,
        }),
      [`POST /api/v1/billing/invoices/${ID}/authentication/complete`]: () =>
        json(200, invoice({ status: 'paid' })),
    });
    const { user } = renderApp({ route: `/billing/invoices/${ID}/authenticate`, fetch, language: 'en' });
    await user.click(await screen.findByRole('button', { name: 'Authenticate' }));
    expect(await screen.findByText('Payment complete')).toBeInTheDocument();
    expect(provider.loaded).toEqual([{ adapter: 'stripe', publishableKey: 'pk_live_x', url: null }]);
  });

  it('a member is told the owner authenticates', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('member'),
      [`GET /api/v1/billing/invoices/${ID}`]: () => json(200, invoice()),
    });
    renderApp({ route: `/billing/invoices/${ID}/authenticate`, fetch });
    expect(
      await screen.findByText(/お支払いの本人認証は、アカウントのオーナーが行います/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '本人認証へ進む' })).not.toBeInTheDocument();
  });

  it('the invoice list marks it 要認証 and links to the page', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session(),
      'GET /api/v1/billing/invoices': () => json(200, { items: [invoice()] }),
    });
    renderApp({ route: '/billing/invoices', fetch });
    const row = await screen.findByTestId('invoice-BC-00000042');
    expect(row).toHaveTextContent('要認証');
    expect(within(row).getByRole('link', { name: '本人認証する' })).toHaveAttribute(
      'href',
      `/billing/invoices/${ID}/authenticate`,
    );
  });
});
