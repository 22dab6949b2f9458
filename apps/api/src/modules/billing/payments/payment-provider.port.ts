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
}

/** A reusable payment method (a card) as the provider holds it: never the number or the CVC. */
export interface ProviderPaymentMethod extends ProviderCard {
  /** The provider customer it is attached to, or null. */
  customerId: string | null;
}

/** A SetupIntent: the provider's record of one card registration for off-session use. */
export interface ProviderSetupIntent {
  id: string;
  customerId: string | null;
  /** requires_payment_method / requires_confirmation / requires_action / processing / succeeded / canceled */
  status: string;
  /** The card it set up (or tried to); null after a failure. */
  paymentMethodId: string | null;
  /** For the browser's card fields only; never stored or logged. */
  clientSecret: string;
  /** The provider's code of the last failure (e.g. setup_intent_authentication_failure), or null. */
  lastErrorCode: string | null;
}

/** A PaymentIntent: one payment of an invoice at the provider. */
export interface ProviderPaymentIntent {
  id: string;
  customerId: string | null;
  status: string;
  amount: number;
  paymentMethodId: string | null;
  clientSecret: string;
  /** Where the cardholder authenticates (3-D Secure) when status is requires_action, else null. */
  redirectUrl: string | null;
  lastErrorCode: string | null;
  metadata: Record<string, string>;
}

/** A verified provider event (webhook). */
export interface ProviderEvent {
  id: string;
  type: string;
  /** The event's object (a SetupIntent, PaymentIntent…) as the provider sent it. */
  object: { id: string; object: string; [key: string]: unknown };
}

/** What the web app needs to show the provider's card fields (R7.2: the card never passes through us). */
export interface CardFieldsConfig {
  /** `stripe`: Stripe's Payment Element with the publishable key; `sandbox`: the sandbox's iframe. */
  adapter: 'stripe' | 'sandbox';
  publishableKey: string;
  /** The sandbox's card-fields page (null for Stripe). */
  url: string | null;
}

export interface ChargeRequest {
  customerId: string;
  /** The stored payment method (or legacy card id); null charges the customer's default card. */
  paymentMethodId: string | null;
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

export type PaymentFailureKind =
  /** The issuer refused the card (incl. wrong CVC, insufficient funds). */
  | 'declined'
  | 'expired'
  /** Down, timed out, 5xx, rate-limited, or our credentials refused: nothing was done. */
  | 'unavailable'
  /** The customer id is unknown to the provider. */
  | 'unknown_customer'
  /** An off-session payment the issuer wants the cardholder to authenticate (3-D Secure). */
  | 'authentication_required'
  /** The SetupIntent, PaymentIntent or payment method named does not exist. */
  | 'not_found'
  /** The webhook signature is missing, wrong or older than the tolerance. */
  | 'invalid_signature';

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
    /** The PaymentIntent the failure left behind (declines, authentication_required). */
    readonly paymentIntentId: string | null = null,
  ) {
    super(message);
  }
}

export interface PaymentProvider {
  readonly name: string;
  /**
   * Creates the provider-side customer for an account, without a card. `idempotencyKey` makes a
   * repeat (retry, double submit) return the same customer instead of a second one.
   */
  createCustomer(input: { accountId: string; idempotencyKey: string }): Promise<{ id: string }>;
  /**
   * Charges the stored payment method off-session (billing, R2.3/R2.4). A card that needs its
   * holder throws PaymentProviderError('authentication_required') naming the PaymentIntent.
   */
  chargeOffSession(request: ChargeRequest): Promise<ChargeResult>;
  cardFieldsConfig(): CardFieldsConfig;
  /** A SetupIntent for the customer to register a card for off-session charges (usage off_session). */
  createSetupIntent(input: { customerId: string; accountId: string }): Promise<ProviderSetupIntent>;
  /** Throws PaymentProviderError('not_found') for an unknown id. */
  retrieveSetupIntent(id: string): Promise<ProviderSetupIntent>;
  retrievePaymentMethod(id: string): Promise<ProviderPaymentMethod>;
  /** Takes a payment method off its customer (a refused brand must not stay chargeable). */
  detachPaymentMethod(id: string): Promise<void>;
  retrievePaymentIntent(id: string): Promise<ProviderPaymentIntent>;
  /**
   * Confirms a PaymentIntent with the customer present, so the issuer can challenge them (3-D
   * Secure): the answer's redirectUrl is where they authenticate, then come back to returnUrl.
   */
  confirmPaymentIntent(
    id: string,
    input: { paymentMethodId: string; returnUrl: string },
  ): Promise<ProviderPaymentIntent>;
  /** Checks a webhook's signature against its raw body; throws PaymentProviderError('invalid_signature'). */
  verifyEvent(rawBody: string, signatureHeader: string | undefined): ProviderEvent;
}

/** The DI token of the PaymentProvider port. */
export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');
