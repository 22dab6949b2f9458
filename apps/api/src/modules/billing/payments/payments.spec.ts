import Stripe from 'stripe';
import { cardBrandOf } from '@bc/domain';
import { cardExpired } from './card.mapper';
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
        raw('invalid_request_error', { code: 'resource_missing', param: 'token' }),
      ),
      'invalid_token',
    ],
    [
      new Stripe.errors.StripeInvalidRequestError(
        raw('invalid_request_error', { code: 'token_already_used', param: 'source' }),
      ),
      'invalid_token',
    ],
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
