import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import {
  AccountHistoryService,
  actorOf,
  SYSTEM_ACTOR,
  type HistoryActor,
} from '../../accounts/account-history.service';
import {
  PAYMENT_PROVIDER,
  PaymentProviderError,
  type PaymentProvider,
  type ProviderPaymentIntent,
} from '../payments/payment-provider.port';
import { invoiceAuthenticationPath } from './charges.service';
import type { InvoiceAuthenticationDto, InvoiceDetailDto } from './invoices.dto';
import { toInvoiceDetail } from './invoices.mapper';
import { ChargeAttemptsRepository } from './charge-attempts.repository';
import { InvoicesRepository, type InvoiceRow } from './invoices.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notAwaiting = (status: string) =>
  new DomainError(
    'INVOICE_NOT_AWAITING_AUTHENTICATION',
    `The invoice is ${status}; only an invoice whose payment needs the cardholder's authentication is authenticated.`,
  );

/**
 * Issue 17: an off-session charge came back "authentication required"; the owner, mailed a link to
 * the web app, authenticates that very PaymentIntent (3-D Secure) and the invoice is paid once the
 * provider says the payment succeeded (asked by us, or told by its signed event). The browser is
 * never believed: every answer comes from the provider.
 */
@Injectable()
export class InvoiceAuthenticationService {
  private readonly log = new Logger('invoice-authentication');
  private readonly webAppUrl: string;

  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly attempts: ChargeAttemptsRepository,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly history: AccountHistoryService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.webAppUrl = config.webAppUrl.replace(/\/+$/, '');
  }

  /**
   * What the web app's authentication page needs: the PaymentIntent confirmed with the customer
   * present, so the issuer can challenge them — its client secret (Stripe.js) and the challenge
   * URL, which comes back to the page. Calling it again reuses the open challenge.
   */
  async start(user: AuthUser, invoiceId: string): Promise<InvoiceAuthenticationDto> {
    const row = await this.ownInvoice(user, invoiceId);
    if (row.status === 'paid') return this.answer(row, null, 'succeeded');
    if (row.status !== 'action_required') throw notAwaiting(row.status);
    return this.unlessPaidMeanwhile(
      row,
      () => this.challenge(row, actorOf(user)),
      () => this.answer(row, null, 'succeeded'),
    );
  }

  private async challenge(row: InvoiceRow, actor: HistoryActor): Promise<InvoiceAuthenticationDto> {
    let pi = await this.intentOf(row);
    if (pi.status === 'requires_payment_method' || pi.status === 'requires_confirmation') {
      if (!pi.paymentMethodId) throw notAwaiting(row.status);
      pi = await this.guard(() =>
        this.provider.confirmPaymentIntent(pi.id, {
          paymentMethodId: pi.paymentMethodId!,
          returnUrl: `${this.webAppUrl}${invoiceAuthenticationPath(row.id)}`,
        }),
      );
    }
    if (pi.status === 'succeeded') await this.settle(row, pi, actor);
    return this.answer(row, pi, pi.status);
  }

  /** The page came back from the challenge: paid if the provider says the payment succeeded. */
  async complete(user: AuthUser, invoiceId: string): Promise<InvoiceDetailDto> {
    const row = await this.ownInvoice(user, invoiceId);
    if (row.status !== 'paid') {
      if (row.status !== 'action_required') throw notAwaiting(row.status);
      await this.unlessPaidMeanwhile(
        row,
        () => this.settleAuthenticated(row, actorOf(user)),
        () => undefined,
      );
    }
    const paid = (await this.invoices.findById(row.id))!;
    return toInvoiceDetail(paid, await this.invoices.lines(row.id));
  }

  private async settleAuthenticated(row: InvoiceRow, actor: HistoryActor): Promise<void> {
    const pi = await this.intentOf(row);
    if (pi.status === 'requires_payment_method') {
      throw new DomainError(
        'PAYMENT_AUTHENTICATION_FAILED',
        'The cardholder authentication failed; the invoice is still unpaid. Try again or change the card.',
      );
    }
    if (pi.status !== 'succeeded') {
      throw new DomainError(
        'PAYMENT_AUTHENTICATION_INCOMPLETE',
        `The payment is ${pi.status}; finish the authentication first.`,
      );
    }
    await this.settle(row, pi, actor);
  }

  /**
   * Runs `work` on an invoice read as awaiting authentication. The provider's signed
   * `payment_intent.succeeded` event may settle the invoice between that read and `work`'s (the
   * customer came back from the challenge just as the event arrived): then no attempt awaits
   * authentication any more and `work` refuses with INVOICE_NOT_AWAITING_AUTHENTICATION. The
   * customer's payment did succeed, so that refusal becomes `paid()` when the invoice is paid now.
   */
  private async unlessPaidMeanwhile<T>(row: InvoiceRow, work: () => Promise<T>, paid: () => T): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'INVOICE_NOT_AWAITING_AUTHENTICATION') throw err;
      if ((await this.invoices.findById(row.id))?.status !== 'paid') throw err;
      return paid();
    }
  }

  /**
   * A signed `payment_intent.succeeded` event: the invoice it names is paid if it was waiting for
   * this payment (the customer may have closed the page before it came back).
   */
  async paymentSucceededEvent(object: { id: string; metadata?: unknown }): Promise<'paid' | 'ignored'> {
    const invoiceId = (object.metadata as Record<string, unknown> | undefined)?.invoice_id;
    if (typeof invoiceId !== 'string' || !UUID.test(invoiceId)) return 'ignored';
    const row = await this.invoices.findById(invoiceId);
    if (!row || row.status !== 'action_required') return 'ignored';
    const attempt = await this.attempts.attemptAwaitingAuthentication(row.id);
    if (attempt?.providerPaymentId !== object.id) return 'ignored';
    const pi = await this.provider.retrievePaymentIntent(object.id);
    if (pi.status !== 'succeeded') return 'ignored';
    return (await this.settle(row, pi, SYSTEM_ACTOR)) ? 'paid' : 'ignored';
  }

  private async ownInvoice(user: AuthUser, id: string): Promise<InvoiceRow> {
    const row = user.accountId ? await this.invoices.findOfAccount(user.accountId, id) : null;
    if (!row) throw new DomainError('INVOICE_NOT_FOUND', 'There is no such invoice in this account.');
    return row;
  }

  /** The PaymentIntent the off-session charge left, as the provider holds it now (and really this invoice's). */
  private async intentOf(row: InvoiceRow): Promise<ProviderPaymentIntent> {
    const attempt = await this.attempts.attemptAwaitingAuthentication(row.id);
    if (!attempt?.providerPaymentId) throw notAwaiting(row.status);
    const pi = await this.guard(() => this.provider.retrievePaymentIntent(attempt.providerPaymentId!));
    if (pi.metadata.invoice_id !== row.id) {
      this.log.error({ invoiceId: row.id, paymentIntentId: pi.id }, 'payment intent names another invoice');
      throw notAwaiting(row.status);
    }
    return pi;
  }

  private async settle(row: InvoiceRow, pi: ProviderPaymentIntent, actor: HistoryActor): Promise<boolean> {
    const changed = await this.attempts.markPaidAfterAuthentication(row.id, pi.id);
    if (changed) {
      await this.history.record(row.accountId, 'invoice.paid_after_authentication', actor, {
        invoiceId: row.id,
        paymentIntentId: pi.id,
      });
    }
    return changed;
  }

  private answer(
    row: InvoiceRow,
    pi: ProviderPaymentIntent | null,
    status: string,
  ): InvoiceAuthenticationDto {
    const fields = this.provider.cardFieldsConfig();
    return {
      invoiceId: row.id,
      status,
      paymentIntentId: pi?.id ?? null,
      clientSecret: pi && status === 'requires_action' ? pi.clientSecret : null,
      redirectUrl: pi?.redirectUrl ?? null,
      adapter: fields.adapter,
      publishableKey: fields.publishableKey,
      returnPath: invoiceAuthenticationPath(row.id),
    };
  }

  /** Provider failures in the API's words (nothing changed when they are thrown). */
  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof PaymentProviderError && err.kind === 'not_found') throw notAwaiting('unknown');
      if (err instanceof PaymentProviderError) {
        throw new DomainError(
          'PAYMENT_PROVIDER_UNAVAILABLE',
          'The payment provider could not be reached; nothing was changed. Try again later.',
          { headers: { 'retry-after': '30' } },
        );
      }
      throw err;
    }
  }
}
