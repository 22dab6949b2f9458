import { Inject, Injectable, Logger } from '@nestjs/common';
import { DatabaseService } from '../../../database/database.service';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import { AccountHistoryService, SYSTEM_ACTOR } from '../../accounts/account-history.service';
import {
  PAYMENT_PROVIDER,
  PaymentProviderError,
  type PaymentProvider,
} from '../payments/payment-provider.port';
import { displayNumber } from './invoice-math';
import {
  ChargeAttemptsRepository,
  type AttemptResult,
  type AttemptTrigger,
  type ClaimedAttempt,
  type SettledInvoice,
} from './charge-attempts.repository';

export interface ChargeOutcome {
  /** Attempts sent to the provider (new and resumed). */
  attempted: number;
  charged: number;
  declined: number;
  /** Issue 17: the issuer asks the cardholder to authenticate; the invoice waits for them. */
  authenticationRequired: number;
  /** Provider unreachable: the attempt stays open and is re-sent later with the same key. */
  pending: number;
  settled: SettledInvoice[];
}

/** The web app's page where the owner authenticates an invoice's payment (issue 17; built by the lead). */
export const invoiceAuthenticationPath = (invoiceId: string) => `/billing/invoices/${invoiceId}/authenticate`;

/** Charges sent to the provider at once by one worker process. */
export const CHARGE_CONCURRENCY = 32;

/**
 * R2.3, R2.4, R2.9: one charge per invoice attempt, exactly once. An attempt is written (with the
 * idempotency key it will send) before the provider is called; a crash between the call and the
 * answer leaves it pending, and the next try sends the same key, so the provider charges once. A
 * declined card leaves the invoice unpaid with the next retry scheduled (days 1, 3, 5, 7 after the
 * first attempt), mails the customer 「お支払いに失敗しました」 and records it in the account's
 * history for staff.
 */
@Injectable()
export class ChargesService {
  private readonly log = new Logger('charges');

  constructor(
    private readonly attempts: ChargeAttemptsRepository,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly history: AccountHistoryService,
    private readonly db: DatabaseService,
    private readonly outbox: OutboxRepository,
  ) {}

  async charge(
    invoiceIds: string[],
    trigger: AttemptTrigger,
    startedBy: string | null = null,
    runId: string | null = null,
  ): Promise<ChargeOutcome> {
    const claimed = await this.attempts.claimAttempts(invoiceIds, trigger, startedBy);
    const results = await mapPool(claimed, CHARGE_CONCURRENCY, (a) => this.send(a));
    // a run's batch: the outcomes count towards the run's progress (same transaction)
    const settled = await this.attempts.recordResults(results, runId);
    const outcome: ChargeOutcome = {
      attempted: claimed.length,
      charged: results.filter((r) => r.status === 'succeeded').length,
      declined: results.filter((r) => r.status === 'declined').length,
      authenticationRequired: results.filter((r) => r.status === 'requires_action').length,
      pending: results.filter((r) => r.status === 'pending' || r.status === 'error').length,
      settled,
    };
    for (const s of settled.filter((x) => x.status === 'action_required')) {
      await this.askForAuthentication(s).catch((err: Error) => {
        this.log.error({ invoiceId: s.invoiceId, err: err.message }, 'could not ask for the authentication');
      });
    }
    for (const s of settled.filter((x) => x.status === 'retrying' || x.status === 'failed')) {
      const result = results.find(
        (r) => claimed.find((c) => c.attemptId === r.attemptId)?.invoiceId === s.invoiceId,
      );
      await this.tellOfFailure(s, result?.failureCode ?? null).catch((err: Error) => {
        this.log.error({ invoiceId: s.invoiceId, err: err.message }, 'could not tell of a failed payment');
      });
    }
    return outcome;
  }

  private async send(a: ClaimedAttempt): Promise<AttemptResult> {
    const base = { attemptId: a.attemptId, providerPaymentId: null, failureCode: null, failureMessage: null };
    if (!a.customerId) {
      return {
        ...base,
        status: 'declined',
        failureCode: 'card_not_registered',
        failureMessage: 'No card is registered.',
      };
    }
    try {
      const result = await this.provider.chargeOffSession({
        customerId: a.customerId,
        paymentMethodId: a.paymentMethodId,
        amountYen: a.amount,
        description: `BusinessCall ${displayNumber(a.number)} (${a.period})`,
        idempotencyKey: a.idempotencyKey,
        metadata: { invoice_id: a.invoiceId, attempt: String(a.attemptNo) },
      });
      if (result.status === 'succeeded')
        return { ...base, status: 'succeeded', providerPaymentId: result.id };
      if (result.status === 'requires_action') return this.needsCustomer(base, result.id);
      // processing: not paid yet
      return {
        ...base,
        status: 'declined',
        providerPaymentId: result.id,
        failureCode: result.status,
        failureMessage: 'The payment was not completed.',
      };
    } catch (err) {
      if (err instanceof PaymentProviderError && err.kind === 'authentication_required') {
        return this.needsCustomer(base, err.paymentIntentId);
      }
      if (err instanceof PaymentProviderError && err.kind !== 'unavailable') {
        return {
          ...base,
          status: 'declined',
          failureCode: err.providerCode ?? err.kind,
          failureMessage: err.message,
        };
      }
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn({ invoiceId: a.invoiceId, err: message }, 'charge not completed; the attempt stays open');
      return { ...base, status: 'pending', failureCode: 'unavailable', failureMessage: message };
    }
  }

  /**
   * An off-session charge the issuer wants the cardholder to authenticate (3-D Secure): not a
   * decline, so no retry on the schedule (it would fail the same way); the invoice waits for the
   * customer, who is mailed a link to authenticate this very PaymentIntent.
   */
  private needsCustomer(
    base: Pick<AttemptResult, 'attemptId'>,
    paymentIntentId: string | null,
  ): AttemptResult {
    return {
      attemptId: base.attemptId,
      status: 'requires_action',
      providerPaymentId: paymentIntentId,
      failureCode: 'authentication_required',
      failureMessage: 'The card issuer asks the cardholder to authenticate this payment.',
    };
  }

  /** Issue 17: recorded for staff, and the owner's mail with the link (an outbox event, same transaction). */
  private async askForAuthentication(s: SettledInvoice): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.history.record(
        s.accountId,
        'invoice.payment_action_required',
        SYSTEM_ACTOR,
        { invoiceId: s.invoiceId, number: displayNumber(s.number), attempt: s.attemptNo },
        em,
      );
      const { invoiceId, accountId, number, period, total, attemptNo } = s;
      const payload = { invoiceId, accountId, number, period, total, attemptNo };
      await this.outbox.add({ type: 'invoice.payment_action_required', payload }, em);
    });
  }

  /** R2.9: recorded for staff, and the owner's mail 「お支払いに失敗しました」 (an outbox event, same transaction). */
  private async tellOfFailure(s: SettledInvoice, failureCode: string | null): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.history.record(
        s.accountId,
        'invoice.payment_failed',
        SYSTEM_ACTOR,
        {
          invoiceId: s.invoiceId,
          number: displayNumber(s.number),
          attempt: s.attemptNo,
          status: s.status,
          failureCode,
        },
        em,
      );
      const { invoiceId, accountId, number, period, total, attemptNo } = s;
      const nextAttemptAt = s.nextAttemptAt ? new Date(s.nextAttemptAt).toISOString() : null;
      const payload = { invoiceId, accountId, number, period, total, attemptNo, nextAttemptAt };
      await this.outbox.add({ type: 'invoice.payment_failed', payload }, em);
    });
  }
}

/** Runs `fn` over `items` with at most `limit` at once, keeping the order of results. */
export async function mapPool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}
