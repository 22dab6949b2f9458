import { Inject, Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import {
  PaymentProviderError,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProvider,
  type ProviderCard,
  type ProviderCardToken,
  type TokenizationConfig,
} from './payment-provider.port';

type StripeError = InstanceType<typeof Stripe.errors.StripeError>;

/** Stripe card-error codes that mean "the provider had a problem", not "the card is refused". */
const RETRYABLE_CARD_CODES = new Set(['processing_error', 'try_again_later']);

/**
 * Our words for a Stripe SDK error. Card errors become declined / expired, unknown or used tokens
 * invalid_token, anything about reaching Stripe (connection, timeout, 5xx, 429, refused
 * credentials) unavailable. Other errors are bugs on our side and are rethrown as they are.
 */
export function toPaymentProviderError(err: unknown): PaymentProviderError | null {
  if (!(err instanceof Stripe.errors.StripeError)) return null;
  const e = err as StripeError;
  const code = e.code ?? null;
  if (e instanceof Stripe.errors.StripeCardError) {
    if (code === 'expired_card') return new PaymentProviderError('expired', code, 'The card has expired.');
    if (code && RETRYABLE_CARD_CODES.has(code)) {
      return new PaymentProviderError('unavailable', code, 'The provider could not process the card now.');
    }
    return new PaymentProviderError('declined', e.decline_code ?? code, 'The card was declined.');
  }
  if (e instanceof Stripe.errors.StripeInvalidRequestError) {
    const param = e.param ?? '';
    if (
      code === 'token_already_used' ||
      (code === 'resource_missing' && ['token', 'source'].includes(param))
    ) {
      return new PaymentProviderError(
        'invalid_token',
        code,
        'The card token is unknown or was already used.',
      );
    }
    if (code === 'resource_missing' && ['id', 'customer'].includes(param)) {
      return new PaymentProviderError('unknown_customer', code, 'The provider does not know this customer.');
    }
    return null;
  }
  if (
    e instanceof Stripe.errors.StripeConnectionError ||
    e instanceof Stripe.errors.StripeAPIError ||
    e instanceof Stripe.errors.StripeRateLimitError ||
    e instanceof Stripe.errors.StripeAuthenticationError ||
    e instanceof Stripe.errors.StripePermissionError
  ) {
    return new PaymentProviderError('unavailable', code ?? e.type, 'The payment provider is not available.');
  }
  return null;
}

function toProviderCard(card: Stripe.Card | Stripe.Token['card'], id?: string | null): ProviderCard {
  if (!card) throw new PaymentProviderError('invalid_token', 'not_a_card', 'The token does not hold a card.');
  return {
    id: id ?? card.id,
    brand: card.brand,
    last4: card.last4,
    expMonth: card.exp_month,
    expYear: card.exp_year,
    funding: card.funding ?? null,
  };
}

/**
 * The PaymentProvider port on the Stripe Node SDK. Which Stripe it talks to is configuration only:
 * PAYMENT_API_URL (the local sandbox by default, https://api.stripe.com for real) and the keys.
 * The SDK retries connection errors, 409s and 5xx twice with back-off, reusing one idempotency key.
 */
@Injectable()
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe';
  private readonly log = new Logger('payments');
  private readonly stripe: Stripe;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const url = new URL(config.payments.apiUrl);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    this.stripe = new Stripe(config.payments.secretKey, {
      host: url.hostname,
      port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
      protocol,
      telemetry: false,
      maxNetworkRetries: 2,
      timeout: config.payments.timeoutMs,
      appInfo: { name: 'BusinessCall' },
    });
  }

  tokenizationConfig(): TokenizationConfig {
    return {
      provider: this.name,
      publishableKey: this.config.payments.publishableKey,
      baseUrl: this.config.payments.apiUrl,
    };
  }

  async retrieveCardToken(tokenId: string): Promise<ProviderCardToken> {
    const token = await this.call('retrieve token', () => this.stripe.tokens.retrieve(tokenId));
    if (token.type !== 'card' || !token.card) {
      throw new PaymentProviderError('invalid_token', 'not_a_card', 'The token does not hold a card.');
    }
    return { id: token.id, used: token.used, card: toProviderCard(token.card) };
  }

  async createCustomer(input: { accountId: string; idempotencyKey: string }): Promise<{ id: string }> {
    const customer = await this.call('create customer', () =>
      this.stripe.customers.create(
        { metadata: { account_id: input.accountId }, description: `BusinessCall account ${input.accountId}` },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return { id: customer.id };
  }

  async setDefaultCard(customerId: string, token: ProviderCardToken): Promise<ProviderCard> {
    // The card's details come from the token: the customer answer no longer lists its sources.
    const customer = await this.call('attach card', () =>
      this.stripe.customers.update(
        customerId,
        { source: token.id },
        { idempotencyKey: `bc-card-${customerId}-${token.id}` },
      ),
    );
    const defaultSource =
      typeof customer.default_source === 'string'
        ? customer.default_source
        : (customer.default_source?.id ?? null);
    return { ...token.card, id: defaultSource ?? token.card.id };
  }

  async chargeOffSession(request: ChargeRequest): Promise<ChargeResult> {
    const intent = await this.call('charge', () =>
      this.stripe.paymentIntents.create(
        {
          amount: request.amountYen,
          currency: 'jpy',
          customer: request.customerId,
          confirm: true,
          off_session: true,
          description: request.description,
          metadata: request.metadata ?? {},
        },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    const status: ChargeResult['status'] =
      intent.status === 'succeeded'
        ? 'succeeded'
        : intent.status === 'processing'
          ? 'processing'
          : 'requires_action';
    return { id: intent.id, status };
  }

  /** Runs one SDK call; logs what failed (type, code, request id; never keys or card data). */
  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const mapped = toPaymentProviderError(err);
      const e = err as Partial<StripeError>;
      const facts = `type=${e.type ?? (err as Error).name} code=${e.code ?? '-'} status=${e.statusCode ?? '-'} request=${e.requestId ?? '-'}`;
      if (!mapped) {
        this.log.error(`payment provider: ${what} failed unexpectedly (${facts})`);
        throw err;
      }
      if (mapped.kind === 'unavailable') this.log.warn(`payment provider unavailable: ${what} (${facts})`);
      else this.log.log(`payment provider refused: ${what} (${facts})`);
      throw mapped;
    }
  }
}
