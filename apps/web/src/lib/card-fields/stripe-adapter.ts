// Stripe's Payment Element behind the card-fields port. Imported lazily (index.ts) so neither this
// file nor @stripe/stripe-js is in the bundle of pages that show no card fields; Stripe's own
// script (js.stripe.com) is only fetched when a card is registered or a payment authenticated.
import type { Stripe, StripeElements, StripeError } from '@stripe/stripe-js';
import type { CardFieldsAdapter, CardFieldsResult, MountOptions } from './port';

/** The part of Stripe.js this adapter uses (so tests can hand it a fake). */
export type StripeLike = Pick<Stripe, 'elements' | 'confirmSetup' | 'handleNextAction'>;

const failed = (error: StripeError): CardFieldsResult => ({
  status: 'failed',
  // 3-D Secure failures come as setup_intent_authentication_failure / payment_intent_authentication_failure.
  code: error.code ?? error.type ?? null,
  message: error.message ?? '',
});

export function createStripeCardFields(stripe: StripeLike, options: { locale?: 'ja' | 'en' } = {}) {
  let elements: StripeElements | null = null;
  let destroy: (() => void) | null = null;

  const adapter: CardFieldsAdapter = {
    kind: 'stripe',

    mount(element: HTMLElement, mount: MountOptions) {
      adapter.unmount();
      elements = stripe.elements({ clientSecret: mount.clientSecret, locale: options.locale ?? 'ja' });
      const payment = elements.create('payment', {
        // Cards only: R1.5 accepts six brands, all of them cards.
        wallets: { applePay: 'never', googlePay: 'never' },
      });
      payment.on('change', (event) => mount.onChange?.(event.complete));
      payment.on('ready', () => mount.onReady?.());
      payment.mount(element);
      destroy = () => payment.destroy();
      return Promise.resolve();
    },

    async confirmSetup({ returnUrl }): Promise<CardFieldsResult> {
      if (!elements) return { status: 'failed', code: 'not_mounted', message: 'card fields not shown' };
      // Stripe shows its 3-D Secure dialog itself; it redirects only for methods that must.
      const { error, setupIntent } = await stripe.confirmSetup({
        elements,
        confirmParams: { return_url: returnUrl },
        redirect: 'if_required',
      });
      if (error) return failed(error);
      if (setupIntent?.status === 'succeeded') return { status: 'succeeded', intentId: setupIntent.id };
      return { status: 'failed', code: setupIntent?.status ?? null, message: setupIntent?.status ?? '' };
    },

    async authenticatePayment({ clientSecret }): Promise<CardFieldsResult> {
      if (!clientSecret) return { status: 'failed', code: null, message: 'no payment to authenticate' };
      const { error, paymentIntent } = await stripe.handleNextAction({ clientSecret });
      if (error) return failed(error);
      if (paymentIntent?.status === 'succeeded') return { status: 'succeeded', intentId: paymentIntent.id };
      return { status: 'failed', code: paymentIntent?.status ?? null, message: paymentIntent?.status ?? '' };
    },

    unmount() {
      destroy?.();
      destroy = null;
      elements = null;
    },
  };
  return adapter;
}

/** Loads Stripe.js from js.stripe.com (its only allowed origin) with the publishable key. */
export async function loadStripeCardFields(publishableKey: string, locale: 'ja' | 'en') {
  const { loadStripe } = await import('@stripe/stripe-js/pure');
  const stripe = await loadStripe(publishableKey, { locale });
  if (!stripe) throw new Error('Stripe.js could not be loaded');
  return createStripeCardFields(stripe, { locale });
}
