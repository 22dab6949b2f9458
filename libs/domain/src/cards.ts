// R1.5: the card brands we accept, and how a payment provider's brand names map onto them.
// Framework-free: no Nest, no TypeORM, no React.

/** R1.5: the accepted brands, in the order they are shown. */
export const ACCEPTED_CARD_BRANDS = ['visa', 'mastercard', 'jcb', 'amex', 'diners', 'discover'] as const;
export type CardBrand = (typeof ACCEPTED_CARD_BRANDS)[number];

/** How each accepted brand is written for people. */
export const CARD_BRAND_NAMES: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  jcb: 'JCB',
  amex: 'American Express',
  diners: 'Diners Club',
  discover: 'Discover',
};

/**
 * Our brand for a provider's brand name, or null when it is not one we accept (UnionPay, Unknown…).
 * Understands Stripe's card brands ('Visa', 'MasterCard', 'American Express', 'Diners Club') and
 * its payment-method brands ('visa', 'mastercard', 'amex', 'diners').
 */
export function cardBrandOf(providerBrand: string | null | undefined): CardBrand | null {
  const key = (providerBrand ?? '').toLowerCase().replace(/[^a-z]/g, '');
  const aliases: Record<string, CardBrand> = {
    visa: 'visa',
    mastercard: 'mastercard',
    jcb: 'jcb',
    amex: 'amex',
    americanexpress: 'amex',
    diners: 'diners',
    dinersclub: 'diners',
    discover: 'discover',
  };
  return aliases[key] ?? null;
}

export function isAcceptedCardBrand(value: unknown): value is CardBrand {
  return typeof value === 'string' && (ACCEPTED_CARD_BRANDS as readonly string[]).includes(value);
}
