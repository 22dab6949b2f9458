import { startPaymentSandbox, type PaymentSandbox } from '@bc/fakes/payment-sandbox';
import type request from 'supertest';

type Card = { number: string; expMonth?: number; expYear?: number; cvc?: string };

export type { PaymentSandbox };

/** The payment sandbox (fakes/src/payment-sandbox.js) on a free port, quiet, with its config overrides. */
export interface TestPaymentSandbox extends PaymentSandbox {
  /** Overrides that point the API at this sandbox: pass to testConfig / startTestApp. */
  env: { PAYMENT_API_URL: string; PAYMENT_SECRET_KEY: string; PAYMENT_PUBLISHABLE_KEY: string };
  /**
   * A legacy card token (publishable key, form body), for fixtures of cards registered before
   * SetupIntents (`card_…` sources the API still charges). The API no longer accepts tokens.
   */
  tokenize(card: { number: string; expMonth?: number; expYear?: number; cvc?: string }): Promise<string>;
  /**
   * Registers a card for the owner behind `accessToken` as the web app does (issue 17): our API
   * opens a SetupIntent, the card is confirmed at the sandbox as its card-fields iframe does
   * (publishable key and client secret; the card never reaches our API), a 3-D Secure challenge
   * is completed when the card asks for one, then our API is told to finish. Answers the response
   * of POST /account/card/setup/complete (the caller checks its status).
   */
  registerCard(
    http: () => ReturnType<typeof request>,
    accessToken: string,
    card: Card,
  ): Promise<request.Response>;
  /** What the sandbox's card fields do in the iframe: payment method, then the SetupIntent confirmed. */
  confirmInCardFields(clientSecret: string, card: Card): Promise<Record<string, any>>;
}

export const SANDBOX_SECRET_KEY = 'sk_test_e2e';
export const SANDBOX_PUBLISHABLE_KEY = 'pk_test_e2e';

/**
 * Starts a sandbox for one test file (close it in afterAll). Tests that do not touch payments need
 * none: the API only calls the provider when a card is registered.
 */
export async function startTestPaymentSandbox(port = 0): Promise<TestPaymentSandbox> {
  const sandbox = await startPaymentSandbox({
    port,
    quiet: true,
    secretKey: SANDBOX_SECRET_KEY,
    publishableKey: SANDBOX_PUBLISHABLE_KEY,
  });
  const form = async (path: string, params: Record<string, string>) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SANDBOX_PUBLISHABLE_KEY}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(params),
    });
    return (await res.json()) as Record<string, any>;
  };
  const confirmInCardFields = async (clientSecret: string, card: Card) => {
    const pm = await form('/v1/payment_methods', {
      type: 'card',
      'card[number]': card.number,
      'card[exp_month]': String(card.expMonth ?? 12),
      'card[exp_year]': String(card.expYear ?? new Date().getFullYear() + 3),
      'card[cvc]': card.cvc ?? (card.number.startsWith('37') ? '1234' : '123'),
    });
    if (!pm.id) return pm;
    const id = clientSecret.split('_secret_')[0];
    return form(`/v1/setup_intents/${id}/confirm`, {
      client_secret: clientSecret,
      payment_method: pm.id,
      return_url: 'http://localhost:5173/card',
    });
  };
  return Object.assign(sandbox, {
    confirmInCardFields,
    registerCard: async (http: () => ReturnType<typeof request>, accessToken: string, card: Card) => {
      const setup = await http()
        .post('/api/v1/account/card/setup')
        .set('authorization', `Bearer ${accessToken}`);
      if (setup.status !== 201) return setup;
      const si = await confirmInCardFields(setup.body.clientSecret, card);
      if (si.status === 'requires_action') {
        const url = new URL(si.next_action.redirect_to_url.url);
        await fetch(`${url.origin}${url.pathname}`, {
          method: 'POST',
          body: new URLSearchParams({
            client_secret: url.searchParams.get('client_secret')!,
            result: 'complete',
          }),
          redirect: 'manual',
        });
      }
      return http()
        .post('/api/v1/account/card/setup/complete')
        .set('authorization', `Bearer ${accessToken}`)
        .send({ setupIntentId: setup.body.setupIntentId });
    },
    env: {
      PAYMENT_API_URL: sandbox.url,
      PAYMENT_SECRET_KEY: SANDBOX_SECRET_KEY,
      PAYMENT_PUBLISHABLE_KEY: SANDBOX_PUBLISHABLE_KEY,
    },
    tokenize: async (card: { number: string; expMonth?: number; expYear?: number; cvc?: string }) => {
      const body = new URLSearchParams({
        'card[number]': card.number,
        'card[exp_month]': String(card.expMonth ?? 12),
        'card[exp_year]': String(card.expYear ?? new Date().getFullYear() + 3),
        'card[cvc]': card.cvc ?? (card.number.startsWith('37') ? '1234' : '123'),
      });
      const res = await fetch(`${sandbox.url}/v1/tokens`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${SANDBOX_PUBLISHABLE_KEY}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
      });
      const json = (await res.json()) as { id?: string; error?: { code: string } };
      if (!res.ok || !json.id) throw new Error(`tokenize failed: ${res.status} ${json.error?.code}`);
      return json.id;
    },
  });
}
