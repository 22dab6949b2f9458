import type { TFunction } from 'i18next';
import { ApiError, errorMessage, translate } from '@bc/app-shell';

type ErrorKey = 'declined' | 'expired' | 'number' | 'cvc' | 'authenticationFailed' | 'network';

/** Stripe's error codes (from the card fields) → our message key in the card namespace. */
const PROVIDER_CODES: Record<string, ErrorKey> = {
  card_declined: 'declined',
  insufficient_funds: 'declined',
  processing_error: 'declined',
  expired_card: 'expired',
  incorrect_number: 'number',
  invalid_number: 'number',
  invalid_expiry_month: 'expired',
  invalid_expiry_year: 'expired',
  incorrect_cvc: 'cvc',
  invalid_cvc: 'cvc',
  setup_intent_authentication_failure: 'authenticationFailed',
  payment_intent_authentication_failure: 'authenticationFailed',
  timeout: 'network',
  api_connection_error: 'network',
};

/** What the card fields said went wrong, in the customer's words. */
export function fieldsErrorMessage(t: TFunction<'card'>, code: string | null): string {
  const key = code ? PROVIDER_CODES[code] : undefined;
  return t(`errors.${key ?? 'generic'}`);
}

/**
 * What our API said when asked to finish: the three outcomes a customer must understand get our
 * own sentences (3-D Secure failed, a refused brand with the six we accept, declined); the rest
 * comes from the shared error catalogue.
 */
export function completeErrorMessage(
  t: TFunction<'card'>,
  tc: TFunction,
  error: unknown,
  brandNames: string[],
): string {
  const code = error instanceof ApiError ? error.problem.code : null;
  if (code === 'CARD_BRAND_NOT_ACCEPTED') {
    return t('errors.brandRefused', { brands: brandNames.join(t('brandSeparator')) });
  }
  if (code === 'CARD_AUTHENTICATION_FAILED') return t('errors.authenticationFailed');
  if (code === 'CARD_DECLINED') return t('errors.declined');
  return translate(tc, errorMessage(error));
}
