import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const PROVIDER = 'https://payments.example.test';

const config = () =>
  json(200, {
    provider: 'stripe',
    publishableKey: 'pk_test_web',
    tokenizationBaseUrl: PROVIDER,
    acceptedBrands: [
      { code: 'visa', name: 'Visa' },
      { code: 'mastercard', name: 'Mastercard' },
      { code: 'jcb', name: 'JCB' },
      { code: 'amex', name: 'American Express' },
      { code: 'diners', name: 'Diners Club' },
      { code: 'discover', name: 'Discover' },
    ],
  });

const registered = (overrides: Record<string, unknown> = {}) => ({
  brand: 'visa',
  brandName: 'Visa',
  last4: '4242',
  expMonth: 8,
  expYear: 2029,
  expired: false,
  registeredAt: '2026-11-20T01:00:00.000Z',
  updatedAt: '2026-11-20T01:00:00.000Z',
  ...overrides,
});

const session = (role: 'owner' | 'member') => () =>
  json(200, aSession(aCustomer({ role, account: anAccount({ state: 'applied' }) })));

type ProviderCall = { url: string; authorization: string | null; body: URLSearchParams };

/** The payment provider's tokenisation endpoint, reached with the browser's global fetch. */
function fakeProvider(answer: () => Response) {
  const calls: ProviderCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      calls.push({
        url,
        authorization: new Headers(init?.headers).get('authorization'),
        body: new URLSearchParams(String(init?.body ?? '')),
      });
      return answer();
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

async function fillCard(
  user: ReturnType<typeof renderApp>['user'],
  form: HTMLElement,
  card = { number: '4242 4242 4242 4242', expiry: '08/29', cvc: '123', name: 'TARO YAMADA' },
) {
  await user.type(within(form).getByLabelText('カード番号'), card.number);
  await user.type(within(form).getByLabelText('有効期限（MM/YY）'), card.expiry);
  await user.type(within(form).getByLabelText('セキュリティコード'), card.cvc);
  await user.type(within(form).getByLabelText('カード名義'), card.name);
}

describe('クレジットカード page', () => {
  it('sends the card to the provider only, and only the token to our API', async () => {
    const provider = fakeProvider(() => json(200, { id: 'tok_abc123', object: 'token' }));
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('owner'),
      'GET /api/v1/payments/config': config,
      'GET /api/v1/account/card': [() => problem(404, 'CARD_NOT_REGISTERED'), () => json(200, registered())],
      'PUT /api/v1/account/card': () => json(200, registered()),
    });
    const { user } = renderApp({ route: '/card', fetch });

    expect(await screen.findByTestId('current-card')).toHaveTextContent(
      'まだクレジットカードが登録されていません',
    );
    const brands = screen.getByTestId('accepted-brands');
    for (const name of ['Visa', 'Mastercard', 'JCB', 'American Express', 'Diners Club', 'Discover']) {
      expect(brands).toHaveTextContent(name);
    }

    const form = screen.getByRole('form', { name: 'カードを登録する' });
    await fillCard(user, form);
    await user.click(within(form).getByRole('button', { name: 'カードを登録する' }));

    expect(await screen.findByText('クレジットカードを登録しました。')).toBeInTheDocument();
    // The provider got the card, with the publishable key.
    expect(provider).toHaveLength(1);
    expect(provider[0].url).toBe(`${PROVIDER}/v1/tokens`);
    expect(provider[0].authorization).toBe('Bearer pk_test_web');
    expect(Object.fromEntries(provider[0].body)).toEqual({
      'card[number]': '4242424242424242',
      'card[exp_month]': '8',
      'card[exp_year]': '2029',
      'card[cvc]': '123',
      'card[name]': 'TARO YAMADA',
    });
    // Our API got the token and nothing else; no call to our API carried the card.
    expect(fetch.callsTo('PUT /api/v1/account/card').map((c) => c.body)).toEqual([{ token: 'tok_abc123' }]);
    expect(JSON.stringify(fetch.calls)).not.toContain('4242424242424242');
    expect(JSON.stringify(fetch.calls)).not.toContain('"123"');
    // The fields are empty again, and the card shows.
    expect(within(form).getByLabelText('カード番号')).toHaveValue('');
    expect(within(form).getByLabelText('セキュリティコード')).toHaveValue('');
    const current = screen.getByTestId('current-card');
    expect(current).toHaveTextContent('Visa');
    expect(current).toHaveTextContent('•••• 4242');
    expect(current).toHaveTextContent('08/29');
  });

  it('shows the refusal of a brand we do not accept', async () => {
    fakeProvider(() => json(200, { id: 'tok_unionpay', object: 'token' }));
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('owner'),
      'GET /api/v1/payments/config': config,
      'GET /api/v1/account/card': () => problem(404, 'CARD_NOT_REGISTERED'),
      'PUT /api/v1/account/card': () => problem(422, 'CARD_BRAND_NOT_ACCEPTED'),
    });
    const { user } = renderApp({ route: '/card', fetch });
    const form = await screen.findByRole('form', { name: 'カードを登録する' });
    await fillCard(user, form, { number: '6200000000000005', expiry: '12/30', cvc: '123', name: 'TARO' });
    await user.click(within(form).getByRole('button', { name: 'カードを登録する' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'このカードブランドはご利用いただけません',
    );
    expect(within(form).getByLabelText('カード番号')).toHaveValue('');
  });

  it("shows the provider's refusal of the card (Stripe error code) and sends nothing to our API", async () => {
    fakeProvider(() =>
      json(402, {
        error: { type: 'card_error', code: 'invalid_expiry_year', message: 'x', param: 'exp_year' },
      }),
    );
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('owner'),
      'GET /api/v1/payments/config': config,
      'GET /api/v1/account/card': () => json(200, registered()),
    });
    const { user } = renderApp({ route: '/card', fetch, language: 'en' });
    const form = await screen.findByRole('form', { name: 'Change the card' });
    await user.type(within(form).getByLabelText('Card number'), '5555555555554444');
    await user.type(within(form).getByLabelText('Expiry (MM/YY)'), '01/30');
    await user.type(within(form).getByLabelText('Security code'), '123');
    await user.type(within(form).getByLabelText('Name on card'), 'HANAKO SATO');
    await user.click(within(form).getByRole('button', { name: 'Change the card' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('The expiry year is invalid.');
    expect(fetch.callsTo('PUT /api/v1/account/card')).toHaveLength(0);
  });

  it('checks the card before sending it anywhere', async () => {
    const provider = fakeProvider(() => json(200, { id: 'tok_x' }));
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': session('owner'),
      'GET /api/v1/payments/config': config,
      'GET /api/v1/account/card': () => problem(404, 'CARD_NOT_REGISTERED'),
    });
    const { user } = renderApp({ route: '/card', fetch });
    const form = await screen.findByRole('form', { name: 'カードを登録する' });
    await fillCard(user, form, { number: '4242424242424241', expiry: '13/29', cvc: '12', name: 'X' });
    await user.click(within(form).getByRole('button', { name: 'カードを登録する' }));
    expect(within(form).getByText('カード番号を正しく入力してください。')).toBeInTheDocument();
    expect(within(form).getByText('有効期限を「MM/YY」の形で入力してください。')).toBeInTheDocument();
    expect(provider).toHaveLength(0);
  });

  it('a member sees the card read-only, with no form', async () => {
    const provider = fakeProvider(() => json(200, { id: 'tok_x' }));
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
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('カード番号')).not.toBeInTheDocument();
    expect(provider).toHaveLength(0);
  });
});
