import { Inject, Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import {
  PaymentProviderError,
  type CardFieldsConfig,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProvider,
  type ProviderEvent,
  type ProviderPaymentIntent,
  type ProviderPaymentMethod,
  type ProviderSetupIntent,
} from './payment-provider.port';

/** Stripe's default tolerance of a webhook timestamp (seconds), as stripe-node's Webhooks. */
const WEBHOOK_TOLERANCE_SECONDS = 300;

type StripeError = InstanceType<typeof Stripe.errors.StripeError>;

/** Stripe card-error codes that mean "the provider had a problem", not "the card is refused". */
const RETRYABLE_CARD_CODES = new Set(['processing_error', 'try_again_later']);

/**
 * Our words for a Stripe SDK error. Card errors become declined / expired, anything about reaching Stripe (connection, timeout, 5xx, 429, refused
 * credentials) unavailable. Other errors are bugs on our side and are rethrown as they are.
 */
export function toPaymentProviderError(err: unknown): PaymentProviderError | null {
  if (!(err instanceof Stripe.errors.StripeError)) return null;
  const e = err as StripeError;
  const code = e.code ?? null;
  if (e instanceof Stripe.errors.StripeCardError) {
    const intentId = (e.payment_intent as { id?: string } | undefined)?.id ?? null;
    if (code === 'authentication_required' || e.decline_code === 'authentication_required') {
      return new PaymentProviderError(
        'authentication_required',
        'authentication_required',
        'The card issuer asks the cardholder to authenticate this payment.',
        intentId,
      );
    }
    if (code === 'expired_card') return new PaymentProviderError('expired', code, 'The card has expired.');
    if (code && RETRYABLE_CARD_CODES.has(code)) {
      return new PaymentProviderError('unavailable', code, 'The provider could not process the card now.');
    }
    return new PaymentProviderError('declined', e.decline_code ?? code, 'The card was declined.', intentId);
  }
  if (e instanceof Stripe.errors.StripeInvalidRequestError) {
    const param = e.param ?? '';
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

const idOf = (x: string | { id: string } | null | undefined): string | null =>
  typeof x === 'string' ? x : (x?.id ?? null);

function toSetupIntent(si: Stripe.SetupIntent): ProviderSetupIntent {
  return {
    id: si.id,
    customerId: idOf(si.customer),
    status: si.status,
    paymentMethodId: idOf(si.payment_method),
    clientSecret: si.client_secret ?? '',
    lastErrorCode: si.last_setup_error?.code ?? null,
  };
}

function toPaymentIntent(pi: Stripe.PaymentIntent): ProviderPaymentIntent {
  return {
    id: pi.id,
    customerId: idOf(pi.customer),
    status: pi.status,
    amount: pi.amount,
    paymentMethodId: idOf(pi.payment_method) ?? idOf(pi.last_payment_error?.payment_method),
    clientSecret: pi.client_secret ?? '',
    redirectUrl: pi.status === 'requires_action' ? (pi.next_action?.redirect_to_url?.url ?? null) : null,
    lastErrorCode: pi.last_payment_error?.code ?? null,
    metadata: pi.metadata ?? {},
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

  async createCustomer(input: { accountId: string; idempotencyKey: string }): Promise<{ id: string }> {
    const customer = await this.call('create customer', () =>
      this.stripe.customers.create(
        { metadata: { account_id: input.accountId }, description: `BusinessCall account ${input.accountId}` },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return { id: customer.id };
  }

  async chargeOffSession(request: ChargeRequest): Promise<ChargeResult> {
    const intent = await this.call('charge', () =>
      this.stripe.paymentIntents.create(
        {
          amount: request.amountYen,
          currency: 'jpy',
          customer: request.customerId,
          ...(request.paymentMethodId ? { payment_method: request.paymentMethodId } : {}),
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

  cardFieldsConfig(): CardFieldsConfig {
    const { adapter, url } = this.config.payments.cardFields;
    return { adapter, url, publishableKey: this.config.payments.publishableKey };
  }

  async createSetupIntent(input: { customerId: string; accountId: string }): Promise<ProviderSetupIntent> {
    const si = await this.call('create setup intent', () =>
      this.stripe.setupIntents.create({
        customer: input.customerId,
        usage: 'off_session',
        metadata: { account_id: input.accountId },
      }),
    );
    return toSetupIntent(si);
  }

  async retrieveSetupIntent(id: string): Promise<ProviderSetupIntent> {
    return toSetupIntent(
      await this.call('retrieve setup intent', () => this.stripe.setupIntents.retrieve(id), true),
    );
  }

  async retrievePaymentMethod(id: string): Promise<ProviderPaymentMethod> {
    const pm = await this.call(
      'retrieve payment method',
      () => this.stripe.paymentMethods.retrieve(id),
      true,
    );
    if (pm.type !== 'card' || !pm.card) {
      throw new PaymentProviderError('not_found', 'not_a_card', 'The payment method is not a card.');
    }
    return {
      id: pm.id,
      customerId: idOf(pm.customer),
      brand: pm.card.brand,
      last4: pm.card.last4,
      expMonth: pm.card.exp_month,
      expYear: pm.card.exp_year,
    };
  }

  async detachPaymentMethod(id: string): Promise<void> {
    await this.call('detach payment method', () => this.stripe.paymentMethods.detach(id), true);
  }

  async retrievePaymentIntent(id: string): Promise<ProviderPaymentIntent> {
    return toPaymentIntent(
      await this.call('retrieve payment intent', () => this.stripe.paymentIntents.retrieve(id), true),
    );
  }

  async confirmPaymentIntent(
    id: string,
    input: { paymentMethodId: string; returnUrl: string },
  ): Promise<ProviderPaymentIntent> {
    try {
      return toPaymentIntent(
        await this.call('confirm payment intent', () =>
          this.stripe.paymentIntents.confirm(id, {
            payment_method: input.paymentMethodId,
            return_url: input.returnUrl,
          }),
        ),
      );
    } catch (err) {
      // a decline at confirmation leaves the intent as it is now: the caller reads it again
      if (err instanceof PaymentProviderError && err.kind === 'declined')
        return this.retrievePaymentIntent(id);
      throw err;
    }
  }

  verifyEvent(rawBody: string, signatureHeader: string | undefined): ProviderEvent {
    const secret = this.config.payments.webhookSecret;
    if (!secret || !signatureHeader) {
      throw new PaymentProviderError(
        'invalid_signature',
        null,
        'The event is not signed, or no secret is set.',
      );
    }
    try {
      const event = this.stripe.webhooks.constructEvent(
        rawBody,
        signatureHeader,
        secret,
        WEBHOOK_TOLERANCE_SECONDS,
      );
      return {
        id: event.id,
        type: event.type,
        object: event.data.object as unknown as ProviderEvent['object'],
      };
    } catch (err) {
      if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new PaymentProviderError('invalid_signature', null, 'The event signature is wrong or stale.');
      }
      throw err;
    }
  }

  /**
   * Runs one SDK call; logs what failed (type, code, request id; never keys or card data). With
   * `lookup`, an unknown object is PaymentProviderError('not_found').
   */
  private async call<T>(what: string, run: () => Promise<T>, lookup = false): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (
        lookup &&
        err instanceof Stripe.errors.StripeInvalidRequestError &&
        (err.code === 'resource_missing' || err.statusCode === 404)
      ) {
        throw new PaymentProviderError(
          'not_found',
          err.code ?? 'resource_missing',
          `${what}: no such object.`,
        );
      }
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
