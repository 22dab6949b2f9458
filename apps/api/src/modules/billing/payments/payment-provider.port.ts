// The payment provider as the billing module sees it (R1.5, R2.3, R2.9). One adapter implements it
// (stripe-payment.provider.ts), talking to Stripe or to the local sandbox depending only on config.

/** A card as the provider holds it: never the number or the CVC. */
export interface ProviderCard {
  /** The provider's reusable card id. */
  id: string;
  /** The provider's brand name as it wrote it (e.g. Stripe's 'Visa', 'MasterCard', 'UnionPay'). */
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** credit / debit / prepaid / unknown. */
  funding: string | null;
}

/** A single-use card token made by the browser with the publishable key. */
export interface ProviderCardToken {
  id: string;
  /** True once the token was attached to a customer (tokens are single-use). */
  used: boolean;
  card: ProviderCard;
}

export interface ChargeRequest {
  customerId: string;
  /** Whole yen, tax included. */
  amountYen: number;
  description: string;
  /** The same key never charges twice (e.g. derived from the invoice id). */
  idempotencyKey: string;
  metadata?: Record<string, string>;
}

export interface ChargeResult {
  id: string;
  status: 'succeeded' | 'processing' | 'requires_action';
}

/** What the browser needs to tokenise a card itself (the card never passes through our API). */
export interface TokenizationConfig {
  provider: string;
  publishableKey: string;
  /** Origin of the provider's API: the browser POSTs the card to `${baseUrl}/v1/tokens`. */
  baseUrl: string;
}

export type PaymentFailureKind =
  /** Unknown token, one already used, or not a card token. */
  | 'invalid_token'
  /** The issuer refused the card (incl. wrong CVC, insufficient funds). */
  | 'declined'
  | 'expired'
  /** Down, timed out, 5xx, rate-limited, or our credentials refused: nothing was done. */
  | 'unavailable'
  /** The customer id is unknown to the provider. */
  | 'unknown_customer';

/**
 * A failure the provider reported, in our words. `providerCode` is the provider's own code
 * (e.g. Stripe's `card_declined`, `insufficient_funds`): for logs and the billing retries, never
 * shown raw to customers. Messages never carry keys or card data.
 */
export class PaymentProviderError extends Error {
  override name = 'PaymentProviderError';
  constructor(
    readonly kind: PaymentFailureKind,
    readonly providerCode: string | null,
    message: string,
  ) {
    super(message);
  }
}

export interface PaymentProvider {
  readonly name: string;
  tokenizationConfig(): TokenizationConfig;
  /** Reads a card token (does not use it up). Throws PaymentProviderError('invalid_token') if unknown. */
  retrieveCardToken(tokenId: string): Promise<ProviderCardToken>;
  /**
   * Creates the provider-side customer for an account, without a card. `idempotencyKey` makes a
   * repeat (retry, double submit) return the same customer instead of a second one.
   */
  createCustomer(input: { accountId: string; idempotencyKey: string }): Promise<{ id: string }>;
  /**
   * Attaches the token's card to the customer as its default card, replacing (and deleting) the
   * previous default. The issuer checks the card here: a declined or expired card throws.
   */
  setDefaultCard(customerId: string, token: ProviderCardToken): Promise<ProviderCard>;
  /** Charges the customer's default card off-session (billing, R2.3/R2.4). */
  chargeOffSession(request: ChargeRequest): Promise<ChargeResult>;
}

/** The DI token of the PaymentProvider port. */
export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');
