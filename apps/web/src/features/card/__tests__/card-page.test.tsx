import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import type { CardFieldsAdapter, CardFieldsResult } from '../../../lib/card-fields';

// The provider's card fields are a port (lib/card-fields); here a fake adapter stands in for the
// sandbox iframe or Stripe's Payment Element, and the test decides what the confirmation answers.
const fields = vi.hoisted(() => ({
  loaded: [] as Array<{ adapter: string; publishableKey: string; url: string | null }>,
  confirmations: [] as Array<{ clientSecret: string; returnUrl: string }>,
  next: null as CardFieldsResult | null,
}));

vi.mock('../../../lib/card-fields', () => ({
  loadCardFields: (config: { adapter: string; publishableKey: string; url: string | null }) => {
    fields.loaded.push(config);
    const adapter: CardFieldsAdapter = {
      kind: 'sandbox',
      mount: (element, options) => {
        element.textContent = 'provider card fields';
        options.onReady?.();
        options.onChange?.(true);
        return Promise.resolve();
      },
      confirmSetup: (options) => {
        fields.confirmations.push(options);
        return Promise.resolve(fields.next ?? { status: 'failed', code: null, message: '' });
      },
      authenticatePayment: () => Promise.resolve({ status: 'failed', code: null, message: '' }),
      unmount: () => {},
    };
    return Promise.resolve(adapter);
  },
}));

const BRANDS = [
  { code: 'visa', name: 'Visa' },
  { code: 'mastercard', name: 'Mastercard' },
  { code: 'jcb', name: 'JCB' },
  { code: 'amex', name: 'American Express' },
  { code: 'diners', name: 'Diners Club' },
  { code: 'discover', name: 'Discover' },
];

const config = () => json(200, { provider: 'stripe', publishableKey: 'pk_test_web', acceptedBrands: BRANDS });

const setup = () =>
  json(201, {
    setupIntentId: 'seti_123',
    clientSecret: 'seti_123_secret_abc',
    cardFields: {
      adapter: 'sandbox',
      publishableKey: 'pk_test_web',
      url: 'http://sandbox.test/elements/card-fields',
    },
    acceptedBrands: BRANDS,
  });

const registered = (overrides: Record<string, unknown> = {}) => ({
  brand: 'visa',
  brandName: 'Visa',
  last4: '3184',
  expMonth: 8,
  expYear: 2029,
  expired: false,
  registeredAt: '2026-11-20T01:00:00.000Z',
  updatedAt: '2026-11-20T01:00:00.000Z',
  ...overrides,
});

const session = (role: 'owner' | 'member') => () =>
  json(200, aSession(aCustomer({ role, account: anAccount({ state: 'applied' }) })));

beforeEach(() => {
  fields.loaded.length = 0;
  fields.confirmations.length = 0;
  fields.next = null;
});
afterEach(() => vi.unstubAllGlobals());

describe('クレジットカード page', () => {
  it("registers a card typed into the provider's fields: our API gets the SetupIntent id only", async () => {
    fields.next = { status: 'succeeded', intentId: 'seti_123' };
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('owner'),
      'GET /api/v1/payments/config': config,
      'GET /api/v1/account/card': () => problem(404, 'CARD_NOT_REGISTERED'),
      'POST /api/v1/account/card/setup': setup,
      'POST /api/v1/account/card/setup/complete': () => json(200, registered()),
    });
    const { user } = renderApp({ route: '/card', fetch });

    expect(await screen.findByTestId('current-card')).toHaveTextContent(
      'まだクレジットカードが登録されていません',
    );
    for (const name of BRANDS.map((b) => b.name)) {
      expect(screen.getByTestId('accepted-brands')).toHaveTextContent(name);
    }
    await user.click(screen.getByRole('button', { name: 'カードを登録する' }));
    expect(await screen.findByText('provider card fields')).toBeInTheDocument();
    expect(fields.loaded).toEqual([
      { adapter: 'sandbox', publishableKey: 'pk_test_web', url: 'http://sandbox.test/elements/card-fields' },
    ]);
    await user.click(screen.getByRole('button', { name: 'このカードを登録する' }));

    expect(await screen.findByText('クレジットカードを登録しました。')).toBeInTheDocument();
    expect(fields.confirmations).toEqual([
      { clientSecret: 'seti_123_secret_abc', returnUrl: `${window.location.origin}/card` },
    ]);
    expect(fetch.callsTo('POST /api/v1/account/card/setup/complete').map((c) => c.body)).toEqual([
      { setupIntentId: 'seti_123' },
    ]);
    const current = screen.getByTestId('current-card');
    expect(current).toHaveTextContent('Visa');
    expect(current).toHaveTextContent('•••• 3184');
    expect(current).toHaveTextContent('08/29');
    // Change the card = the same flow again.
    expect(screen.getByRole('button', { name: 'カードを変更する' })).toBeInTheDocument();
  });

  it('finishes after the 3-D Secure challenge came back, and takes the intent out of the address', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('owner'),
      'GET /api/v1/payments/config': config,
      'GET /api/v1/account/card': () => problem(404, 'CARD_NOT_REGISTERED'),
      'POST /api/v1/account/card/setup/complete': () => json(200, registered()),
    });
    renderApp({
      route: '/card?setup_intent=seti_9&setup_intent_client_secret=seti_9_secret_x&redirect_status=succeeded',
      fetch,
    });
    expect(await screen.findByText('クレジットカードを登録しました。')).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/account/card/setup/complete').map((c) => c.body)).toEqual([
      { setupIntentId: 'seti_9' },
    ]);
    expect(screen.getByTestId('current-card')).toHaveTextContent('•••• 3184');
  });

  it('a failed 3-D Secure challenge: a clear message, no card', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('owner'),
      'GET /api/v1/payments/config': config,
      'GET /api/v1/account/card': () => problem(404, 'CARD_NOT_REGISTERED'),
      'POST /api/v1/account/card/setup/complete': () => problem(422, 'CARD_AUTHENTICATION_FAILED'),
    });
    renderApp({ route: '/card?setup_intent=seti_9&redirect_status=failed', fetch });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'カードの本人認証（3-Dセキュア）ができませんでした。カードは登録されていません。',
    );
    expect(screen.getByTestId('current-card')).toHaveTextContent('まだクレジットカードが登録されていません');
    expect(screen.getByRole('button', { name: 'もう一度入力する' })).toBeInTheDocument();
  });

  it('a refused brand: the message lists the six accepted brands', async () => {
    fields.next = { status: 'succeeded', intentId: 'seti_123' };
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('owner'),
      'GET /api/v1/payments/config': config,
      'GET /api/v1/account/card': () => problem(404, 'CARD_NOT_REGISTERED'),
      'POST /api/v1/account/card/setup': setup,
      'POST /api/v1/account/card/setup/complete': () => problem(422, 'CARD_BRAND_NOT_ACCEPTED'),
    });
    const { user } = renderApp({ route: '/card', fetch, language: 'en' });
    await user.click(await screen.findByRole('button', { name: 'Register a card' }));
    await user.click(await screen.findByRole('button', { name: 'Register this card' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This card brand is not accepted, so the card was not registered. We accept Visa, Mastercard, JCB, American Express, Diners Club, Discover.',
    );
  });

  it('a declined card: the provider said no, our API is not asked', async () => {
    fields.next = { status: 'failed', code: 'card_declined', message: 'Your card was declined.' };
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('owner'),
      'GET /api/v1/payments/config': config,
      'GET /api/v1/account/card': () => json(200, registered({ last4: '4242' })),
      'POST /api/v1/account/card/setup': setup,
    });
    const { user } = renderApp({ route: '/card', fetch });
    await user.click(await screen.findByRole('button', { name: 'カードを変更する' }));
    await user.click(await screen.findByRole('button', { name: 'このカードに変更する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'カード会社によりカードが承認されませんでした。',
    );
    expect(fetch.callsTo('POST /api/v1/account/card/setup/complete')).toHaveLength(0);
    expect(screen.getByTestId('current-card')).toHaveTextContent('•••• 4242');
  });

  it('3-D Secure by redirect: the page says where it is going and does not finish yet', async () => {
    fields.next = { status: 'redirecting' };
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('owner'),
      'GET /api/v1/payments/config': config,
      'GET /api/v1/account/card': () => problem(404, 'CARD_NOT_REGISTERED'),
      'POST /api/v1/account/card/setup': setup,
    });
    const { user } = renderApp({ route: '/card', fetch });
    await user.click(await screen.findByRole('button', { name: 'カードを登録する' }));
    await user.click(await screen.findByRole('button', { name: 'このカードを登録する' }));
    expect(
      await screen.findByText('カード会社の本人認証（3-Dセキュア）の画面へ移動します…'),
    ).toBeInTheDocument();
    await waitFor(() => expect(fetch.callsTo('POST /api/v1/account/card/setup/complete')).toHaveLength(0));
  });

  it('a member sees the card read-only, with no fields', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('member'),
      'GET /api/v1/payments/config': config,
      'GET /api/v1/account/card': () =>
        json(200, registered({ brand: 'jcb', brandName: 'JCB', last4: '0505' })),
    });
    renderApp({ route: '/card', fetch });
    expect(await screen.findByTestId('current-card')).toHaveTextContent('•••• 0505');
    expect(
      screen.getByText('クレジットカードの登録・変更は、アカウントのオーナーのみが行えます。'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('card-registration')).not.toBeInTheDocument();
    expect(within(document.body).queryByRole('button', { name: 'カードを変更する' })).not.toBeInTheDocument();
    expect(fields.loaded).toHaveLength(0);
  });
});
