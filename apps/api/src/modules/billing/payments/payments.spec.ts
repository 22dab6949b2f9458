import Stripe from 'stripe';
import { cardBrandOf } from '@bc/domain';
import { cardExpired } from './card.mapper';
import { cardFieldsOf } from '../../../config/app.config';
import { toPaymentProviderError } from './stripe-payment.provider';

type RawError = ConstructorParameters<typeof Stripe.errors.StripeCardError>[0];
const raw = (type: string, extra: Record<string, unknown> = {}) =>
  ({ type, message: 'm', ...extra }) as RawError;

describe('Stripe errors in our words', () => {
  it.each([
    [new Stripe.errors.StripeCardError(raw('card_error', { code: 'card_declined' })), 'declined'],
    [new Stripe.errors.StripeCardError(raw('card_error', { code: 'incorrect_cvc' })), 'declined'],
    [new Stripe.errors.StripeCardError(raw('card_error', { code: 'expired_card' })), 'expired'],
    [new Stripe.errors.StripeCardError(raw('card_error', { code: 'processing_error' })), 'unavailable'],
    [
      new Stripe.errors.StripeInvalidRequestError(
        raw('invalid_request_error', { code: 'resource_missing', param: 'id' }),
      ),
      'unknown_customer',
    ],
    [new Stripe.errors.StripeConnectionError(raw('api_connection_error')), 'unavailable'],
    [new Stripe.errors.StripeAPIError(raw('api_error')), 'unavailable'],
    [new Stripe.errors.StripeRateLimitError(raw('rate_limit_error')), 'unavailable'],
    [new Stripe.errors.StripeAuthenticationError(raw('invalid_request_error')), 'unavailable'],
  ])('%s → %s', (err, kind) => {
    expect(toPaymentProviderError(err)?.kind).toBe(kind);
  });

  it('leaves our own bugs alone', () => {
    expect(toPaymentProviderError(new TypeError('x'))).toBeNull();
    expect(
      toPaymentProviderError(
        new Stripe.errors.StripeInvalidRequestError(
          raw('invalid_request_error', { code: 'parameter_unknown' }),
        ),
      ),
    ).toBeNull();
  });
});

describe('R1.5 brands', () => {
  it.each([
    ['Visa', 'visa'],
    ['MasterCard', 'mastercard'],
    ['mastercard', 'mastercard'],
    ['JCB', 'jcb'],
    ['American Express', 'amex'],
    ['amex', 'amex'],
    ['Diners Club', 'diners'],
    ['Discover', 'discover'],
    ['UnionPay', null],
    ['Unknown', null],
    ['', null],
  ])('%s → %s', (provider, ours) => {
    expect(cardBrandOf(provider)).toBe(ours);
  });
});

describe('card expiry (Japan time)', () => {
  it('is valid through the last day of the month', () => {
    // 2026-11-30 23:30 in Tokyo is still November there.
    const lastEvening = new Date('2026-11-30T14:30:00Z');
    expect(cardExpired(2026, 11, lastEvening)).toBe(false);
    // 2026-12-01 00:30 in Tokyo (still 30 November in UTC).
    const nextMorning = new Date('2026-11-30T15:30:00Z');
    expect(cardExpired(2026, 11, nextMorning)).toBe(true);
    expect(cardExpired(2025, 12, lastEvening)).toBe(true);
    expect(cardExpired(2027, 1, lastEvening)).toBe(false);
  });
});

describe('issue 17: off-session charges that need the cardholder', () => {
  it('an authentication_required card error names the PaymentIntent it left behind', () => {
    const err = new Stripe.errors.StripeCardError(
      raw('card_error', {
        code: 'authentication_required',
        decline_code: 'authentication_required',
        payment_intent: { id: 'pi_123', status: 'requires_payment_method' },
      }),
    );
    const mapped = toPaymentProviderError(err);
    expect(mapped).toMatchObject({ kind: 'authentication_required', paymentIntentId: 'pi_123' });
  });

  it('a decline keeps its PaymentIntent too (the retry schedule applies, not authentication)', () => {
    const err = new Stripe.errors.StripeCardError(
      raw('card_error', {
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        payment_intent: { id: 'pi_456' },
      }),
    );
    expect(toPaymentProviderError(err)).toMatchObject({
      kind: 'declined',
      providerCode: 'insufficient_funds',
      paymentIntentId: 'pi_456',
    });
  });
});

describe('which card fields the web app gets', () => {
  it('real Stripe gets the Payment Element; any other provider URL is the sandbox with its page', () => {
    expect(cardFieldsOf('https://api.stripe.com')).toEqual({ adapter: 'stripe', url: null });
    expect(cardFieldsOf('http://127.0.0.1:12111')).toEqual({
      adapter: 'sandbox',
      url: 'http://127.0.0.1:12111/elements/card-fields',
    });
  });
});
