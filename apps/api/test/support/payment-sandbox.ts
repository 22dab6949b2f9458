import { startPaymentSandbox, type PaymentSandbox } from '@bc/fakes/payment-sandbox';

export type { PaymentSandbox };

/** The payment sandbox (fakes/src/payment-sandbox.js) on a free port, quiet, with its config overrides. */
export interface TestPaymentSandbox extends PaymentSandbox {
  /** Overrides that point the API at this sandbox: pass to testConfig / startTestApp. */
  env: { PAYMENT_API_URL: string; PAYMENT_SECRET_KEY: string; PAYMENT_PUBLISHABLE_KEY: string };
  /** Tokenises a card as the browser does (publishable key, form body); returns the token id. */
  tokenize(card: { number: string; expMonth?: number; expYear?: number; cvc?: string }): Promise<string>;
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
  return Object.assign(sandbox, {
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
