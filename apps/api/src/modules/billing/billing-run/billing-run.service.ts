import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import type { Queue } from 'bullmq';
import { monthOf, tokyoDate } from '@bc/domain';
import { DomainError } from '../../../common/errors/domain-error';
import { DatabaseService } from '../../../database/database.service';
import { QueueName, type BillingJobData, type BillingJobName } from '../../../queues/queue-names';
import { AccountsService } from '../../accounts/accounts.service';
import { CountedCallsService } from '../../calls/usage/counted-calls.service';
import { Clock } from '../clock';
import { ChargesService } from '../invoices/charges.service';
import {
  displayNumber,
  earliestRunStart,
  previousMonth,
  runMayStart,
  type RunKind,
} from '../invoices/invoice-math';
import type { BillingRunDetailDto, BillingRunDto, BillingRunListDto } from '../invoices/invoices.dto';
import { toRun } from '../invoices/invoices.mapper';
import { ChargeAttemptsRepository } from '../invoices/charge-attempts.repository';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { monthPricingOf, MonthPricingRepository } from '../pricing/month-pricing.repository';
import { BillingRunsRepository, runScope } from './billing-runs.repository';
import { InvoicesService } from '../invoices/invoices.service';

/** Invoices per `charge-invoices` job of a run. */
export const CHARGE_BATCH_SIZE = 250;
/** Invoices a finished run announces per second (R6.5 mails and webhooks). */
export const ANNOUNCE_PER_SECOND = 200;
const ANNOUNCE_RETRIES = { attempts: 5, backoff: { type: 'exponential', delay: 1000 } } as const;
/** How early a scheduled run may fire and still be taken for the month about to begin. */
export const SCHEDULE_EARLY_MARGIN_MS = 60 * 60 * 1000;
/** Invoices the due-charges sweep takes per pass. */
const DUE_SWEEP_LIMIT = 2000;

/**
 * R2.9: the monthly billing run. A run prices every billable account of the month in one SQL
 * statement (invoices inserted once per account, period and kind: the database refuses a second),
 * then fans out the charges in batches of invoices, each invoice charged once with its own
 * idempotency key. Re-running a month, or resuming after a crash, creates nothing new and only
 * charges what was not charged yet.
 */
@Injectable()
export class BillingRunService {
  private readonly log = new Logger('billing-run');
  private readonly pricingChunkSize: number;

  constructor(
    private readonly runs: BillingRunsRepository,
    private readonly pricing: MonthPricingRepository,
    private readonly invoices: InvoicesRepository,
    private readonly attempts: ChargeAttemptsRepository,
    private readonly invoicesService: InvoicesService,
    private readonly charges: ChargesService,
    private readonly calls: CountedCallsService,
    private readonly accounts: AccountsService,
    private readonly db: DatabaseService,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Billing) private readonly queue: Queue<BillingJobData, unknown, BillingJobName>,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pricingChunkSize = config.billingRun.pricingChunkSize;
  }

  /** Starts a run for a month (staff, the schedule, the benchmark); the worker does the work. */
  async start(
    period: string,
    kind: RunKind,
    trigger: 'schedule' | 'staff' | 'bench' | 'test',
    startedBy: string | null = null,
  ): Promise<BillingRunDto> {
    // R2.4 [decided]: whoever starts it (staff, the schedule, a benchmark), a run never bills a
    // month before its 1st, nor options' first month before the 2nd (Japan time).
    this.assertMayStart(period, kind);
    const running = await this.runs.findRunningRun(period, kind);
    if (running && trigger === 'staff') {
      throw new DomainError('BILLING_RUN_IN_PROGRESS', `The ${kind} run of ${period} is still in progress.`);
    }
    const run = await this.runs.insertRun({ period, kind, trigger, startedBy });
    await this.queue.add('price-run', { runId: run.id }, { jobId: `price-run-${run.id}`, attempts: 3 });
    return toRun(run);
  }

  private assertMayStart(period: string, kind: RunKind): void {
    const now = this.clock.now();
    if (runMayStart(period, kind, now)) return;
    const from = tokyoDate(earliestRunStart(period, kind));
    const what = kind === 'second_day' ? "options' first month of" : 'the month';
    throw new DomainError(
      'BILLING_RUN_TOO_EARLY',
      `It is ${tokyoDate(now)} in Japan: ${what} ${period} can be billed from ${from} 00:00 Japan time, not before.`,
      {
        fieldErrors: [
          {
            pointer: '/body/period',
            code: 'BILLING_RUN_TOO_EARLY',
            message: `period can be billed from ${from}`,
          },
        ],
      },
    );
  }

  /**
   * The schedule (00:00 Japan time on the 1st, or the 2nd): the month the job fires for. A job fired a
   * moment early (clock skew) is taken as the month about to begin, so start() refuses it and the
   * queue tries again once that month has begun, instead of re-billing the month that is ending.
   */
  startScheduled(kind: RunKind): Promise<BillingRunDto> {
    const soon = new Date(this.clock.now().getTime() + SCHEDULE_EARLY_MARGIN_MS);
    return this.start(monthOf(tokyoDate(soon)), kind, 'schedule');
  }

  /**
   * Prices the run's month chunk by chunk (BILLING_PRICING_CHUNK_SIZE accounts, in id order) and enqueues
   * each chunk's charges as soon as it is committed, so charging runs while the rest is priced.
   * Safe to run again (BullMQ re-runs a job whose worker died): the invoices exist already, and only
   * invoices still uncharged are enqueued.
   */
  async price(runId: string, execution: number): Promise<{ created: number; toCharge: number }> {
    const run = await this.runs.findRun(runId);
    if (!run) throw new DomainError('BILLING_RUN_NOT_FOUND', `No billing run ${runId}.`);
    // The same rule again where the work is done: a run row written by anything but start() (a
    // script, a job left in the queue) must not bill early either. It fails at once, not retried.
    try {
      this.assertMayStart(run.period, run.kind);
    } catch (err) {
      await this.runs.markRunFailed(runId, (err as Error).message);
      return { created: 0, toCharge: 0 };
    }
    const period = run.period;
    const usageMonth = previousMonth(period);
    const scope = runScope(run);
    // R2.2: counted calls (answered by an operator, in the Japan month the call began) come from the
    // calls module's CountedCallsService. The month before too: its calls answered after its run are
    // billed now.
    const lateMonth = previousMonth(usageMonth);
    const [calls, lateCalls] =
      run.kind === 'monthly'
        ? await Promise.all([this.calls.countsForMonth(usageMonth), this.calls.countsForMonth(lateMonth)])
        : [new Map<string, number>(), new Map<string, number>()];
    const issuer = this.invoicesService.issuer();
    const now = this.clock.now();
    const ranges = await this.runs.accountRanges(this.pricingChunkSize);
    const total = { billable: 0, created: 0, toCharge: 0, batches: 0 };
    // R2.8: the names a chunk's invoices are addressed to, frozen on them as they are issued; the
    // next chunk's are fetched while this one is priced, so asking for them costs the run no time
    const namesOf = async (range: (typeof ranges)[number]) =>
      this.accounts.invoiceRecipientNames(await this.runs.accountsInRange(range));
    let nextNames = ranges.length > 0 ? namesOf(ranges[0]) : null;
    for (const [i, range] of ranges.entries()) {
      const recipients = await nextNames!;
      nextNames = i + 1 < ranges.length ? namesOf(ranges[i + 1]) : null;
      // a failed prefetch is reported when its chunk awaits it, not as an unhandled rejection now
      nextNames?.catch(() => undefined);
      // One transaction per chunk: the counter lock is held only while that chunk takes its numbers.
      const priced = await this.db.transaction(async (em) => {
        await this.invoices.lockCounter(issuer.issuerRegistrationNumber, em);
        return this.pricing.priceMonth(
          monthPricingOf({
            kind: run.kind,
            period,
            calls,
            lateCalls,
            recipients,
            ...issuer,
            issueDate: tokyoDate(now),
            runId,
            chargeAfter: now,
            range,
          }),
          em,
        );
      });
      const ids = await this.runs.findUncharged(scope, range);
      total.billable += priced.billable;
      total.created += priced.created;
      total.toCharge += ids.length;
      await this.runs.setRunPricing(runId, total.billable, total.created, total.toCharge);
      const jobs = [];
      for (let i = 0; i < ids.length; i += CHARGE_BATCH_SIZE) {
        jobs.push({
          name: 'charge-invoices' as const,
          data: { runId, invoiceIds: ids.slice(i, i + CHARGE_BATCH_SIZE), trigger: 'run' as const },
          opts: { jobId: `charge-run-${runId}-${execution}-${total.batches++}` },
        });
      }
      if (jobs.length > 0) await this.queue.addBulk(jobs);
    }
    if (await this.runs.markRunPriced(runId, scope)) await this.startAnnouncing(runId);
    this.log.log({ runId, period, ...total, chunks: ranges.length }, 'billing run priced');
    return { created: total.created, toCharge: total.toCharge };
  }

  /** One batch of charges; a run's batch counts towards the run, and may be the one that completes it. */
  async chargeBatch(data: BillingJobData) {
    const ids = data.invoiceIds ?? [];
    const outcome = await this.charges.charge(ids, data.trigger ?? 'retry', null, data.runId ?? null);
    if (data.runId) {
      const run = await this.runs.findRun(data.runId);
      if (run && (await this.runs.completeRunIfDone(data.runId, runScope(run)))) {
        await this.startAnnouncing(data.runId);
      }
    }
    return {
      attempted: outcome.attempted,
      charged: outcome.charged,
      declined: outcome.declined,
      pending: outcome.pending,
    };
  }

  /**
   * R6.5: a finished run announces its invoices (`invoice.issued`: the owner's mail 「請求書を発行
   * しました」 and subscribed webhooks) ANNOUNCE_PER_SECOND at a time, one job a second. Announcing
   * waits for the charges and is paced so that 100,000 invoice mails neither slow the run nor hold
   * up the notifications of incoming calls behind them in the outbox.
   */
  async announce(runId: string, seq: number): Promise<{ announced: number }> {
    const announced = await this.runs.announceRunInvoices(runId, ANNOUNCE_PER_SECOND);
    if (announced === ANNOUNCE_PER_SECOND) {
      await this.queue.add(
        'announce-invoices',
        { runId, seq: seq + 1 },
        { jobId: `announce-${runId}-${seq + 1}`, delay: 1000, ...ANNOUNCE_RETRIES },
      );
    }
    return { announced };
  }

  private async startAnnouncing(runId: string, chain = '0'): Promise<void> {
    await this.queue.add(
      'announce-invoices',
      { runId, seq: 0 },
      { jobId: `announce-${runId}-${chain}`, ...ANNOUNCE_RETRIES },
    );
  }

  /** Retries whose day has come, first charges due on the 2nd (R2.4), and anything a crash left. */
  async chargeDue() {
    // a run whose announcing a crash stopped starts again (announcing twice is harmless: once each)
    for (const runId of await this.runs.runsToAnnounce()) {
      await this.startAnnouncing(runId, `sweep-${this.clock.now().getTime()}`);
    }
    const ids = await this.attempts.findDue(DUE_SWEEP_LIMIT);
    if (ids.length === 0) return { attempted: 0, charged: 0 };
    const outcome = await this.charges.charge(ids, 'retry');
    return { attempted: outcome.attempted, charged: outcome.charged };
  }

  async markFailed(runId: string, error: string) {
    await this.runs.markRunFailed(runId, error);
  }

  /** For `/metrics`: the latest run of each kind, with its counters. */
  latestRunPerKind() {
    return this.runs.latestRunPerKind();
  }

  async list(): Promise<BillingRunListDto> {
    return { items: (await this.runs.listRuns()).map(toRun) };
  }

  async get(id: string): Promise<BillingRunDetailDto> {
    const run = await this.runs.findRun(id);
    if (!run) throw new DomainError('BILLING_RUN_NOT_FOUND', `No billing run ${id}.`);
    const failures = await this.runs.runFailures(runScope(run));
    return {
      ...toRun(run),
      failures: failures.map((f) => ({ ...f, number: displayNumber(f.number) })),
    };
  }
}
