import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { AccountHistoryService } from '../../src/modules/accounts/account-history.service';
import { AccountLifecycleService } from '../../src/modules/accounts/account-lifecycle.service';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import { BillingRunService } from '../../src/modules/billing/billing-run/billing-run.service';
import { BillingRunsRepository } from '../../src/modules/billing/billing-run/billing-runs.repository';
import { CatalogueRepository } from '../../src/modules/billing/catalogue.repository';
import { CatalogueService } from '../../src/modules/billing/catalogue.service';
import { Clock } from '../../src/modules/billing/clock';
import { ChargeAttemptsRepository } from '../../src/modules/billing/invoices/charge-attempts.repository';
import { ChargesService } from '../../src/modules/billing/invoices/charges.service';
import { InvoiceAuthenticationService } from '../../src/modules/billing/invoices/invoice-authentication.service';
import { InvoicesRepository } from '../../src/modules/billing/invoices/invoices.repository';
import { InvoicesService } from '../../src/modules/billing/invoices/invoices.service';
import { CardsService } from '../../src/modules/billing/payments/cards.service';
import { PaymentCustomersRepository } from '../../src/modules/billing/payments/payment-customers.repository';
import { PaymentMethodsRepository } from '../../src/modules/billing/payments/payment-methods.repository';
import { PAYMENT_PROVIDER } from '../../src/modules/billing/payments/payment-provider.port';
import { StripePaymentProvider } from '../../src/modules/billing/payments/stripe-payment.provider';
import { MonthPricingRepository } from '../../src/modules/billing/pricing/month-pricing.repository';
import { SubscriptionsRepository } from '../../src/modules/billing/subscriptions/subscriptions.repository';
import { SubscriptionChangesRepository } from '../../src/modules/billing/subscriptions/subscriptions.repository';
import { SubscriptionsService } from '../../src/modules/billing/subscriptions/subscriptions.service';
import { CountedCallsService } from '../../src/modules/calls/usage/counted-calls.service';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { QueueName, type BillingJobData } from '../../src/queues/queue-names';
import { VISA } from './billing';
import { insertAccount, type AccountSeed } from './factories';
import { insertPerson } from './people';
import { startMedium, type MediumContext } from './medium';
import type { TestPaymentSandbox } from './payment-sandbox';

/**
 * The medium tier's set-up for the money rules (R2.2–R2.4, R2.8, R2.9): the billing run, the first
 * invoice, credit notes and charges, with their real repositories, and the card through the real
 * Stripe SDK against the loopback payment sandbox. The billing queue is a recording fake: what
 * the worker would run from it, `runMonth` runs in line (the worker and BullMQ are e2e business).
 */

export interface RecordedJob {
  name: string;
  data: Record<string, any>;
  opts: Record<string, any>;
}

/** The billing queue as the services use it (add, addBulk, getJob), keeping what was added. */
export class RecordingQueue {
  readonly jobs: RecordedJob[] = [];

  add(name: string, data: Record<string, any>, opts: Record<string, any> = {}) {
    const job = { name, data, opts };
    this.jobs.push(job);
    return Promise.resolve({ id: opts.jobId, ...job });
  }

  async addBulk(jobs: RecordedJob[]) {
    return Promise.all(jobs.map((j) => this.add(j.name, j.data, j.opts)));
  }

  getJob(jobId: string) {
    return Promise.resolve(this.jobs.find((j) => j.opts.jobId === jobId) ?? null);
  }

  /** Takes the jobs of that name out of the queue, oldest first. */
  take(name: string): RecordedJob[] {
    const taken = this.jobs.filter((j) => j.name === name);
    for (const j of taken) this.jobs.splice(this.jobs.indexOf(j), 1);
    return taken;
  }
}

export function billingRunProviders(queue: RecordingQueue): Provider[] {
  return [
    BillingRunService,
    BillingRunsRepository,
    MonthPricingRepository,
    InvoicesService,
    InvoicesRepository,
    ChargesService,
    ChargeAttemptsRepository,
    InvoiceAuthenticationService,
    CountedCallsService,
    SubscriptionsService,
    SubscriptionsRepository,
    SubscriptionChangesRepository,
    CatalogueService,
    CatalogueRepository,
    CardsService,
    PaymentMethodsRepository,
    PaymentCustomersRepository,
    { provide: PAYMENT_PROVIDER, useClass: StripePaymentProvider },
    AccountsService,
    AccountsRepository,
    UsersRepository,
    AccountHistoryService,
    AccountLifecycleService,
    OutboxRepository,
    Clock,
    { provide: getQueueToken(QueueName.Billing), useValue: queue },
  ];
}

export interface MoneyContext extends MediumContext {
  queue: RecordingQueue;
}

/** A medium context for the money rules, its payment provider the given sandbox. */
export async function startMoneyMedium(
  sandbox: TestPaymentSandbox,
  env: Record<string, string> = {},
): Promise<MoneyContext> {
  const queue = new RecordingQueue();
  const m = await startMedium({ providers: billingRunProviders(queue), env: { ...sandbox.env, ...env } });
  return Object.assign(m, { queue });
}

/** The owner of an account, as the API would see them (sign-up is auth.e2e-spec's business). */
export async function ownerOf(m: MediumContext, accountId: string): Promise<AuthUser> {
  const { userId, role, audience } = await insertPerson(m, accountId, {
    email: `owner-${accountId}@example.jp`,
  });
  return { userId, accountId, role, audience };
}

export interface PayingCustomer {
  accountId: string;
  owner: AuthUser;
}

/**
 * An account whose owner registered `card` (default VISA, always charged) as the web app does:
 * a SetupIntent from CardsService, confirmed in the sandbox's card fields, then completed.
 */
export async function payingCustomer(
  m: MediumContext,
  sandbox: TestPaymentSandbox,
  options: { card?: string; seed?: AccountSeed } = {},
): Promise<PayingCustomer> {
  const accountId = await insertAccount(m, { state: 'active', ...options.seed });
  const owner = await ownerOf(m, accountId);
  const cards = m.get(CardsService);
  const setup = await cards.startSetup(owner);
  const si = await sandbox.confirmInCardFields(setup.clientSecret, { number: options.card ?? VISA });
  if (si.status !== 'succeeded') throw new Error(`the sandbox did not confirm the card: ${si.status}`);
  await cards.completeSetup(owner, setup.setupIntentId);
  return { accountId, owner };
}

/**
 * A billing run of `period` as the worker runs it: started, priced, each charge batch charged
 * (in line, from the recording queue). Answers the run as staff read it.
 */
export async function runMonth(m: MoneyContext, period: string, kind: 'monthly' | 'second_day' = 'monthly') {
  const runs = m.get(BillingRunService);
  const run = await runs.start(period, kind, 'test');
  for (const job of m.queue.take('price-run')) await runs.price(job.data.runId, 0);
  for (const job of m.queue.take('charge-invoices')) await runs.chargeBatch(job.data as BillingJobData);
  m.queue.take('announce-invoices');
  return runs.get(run.id);
}

/** The account's invoices as its owner lists them, newest first. */
export async function invoicesOf(m: MediumContext, c: PayingCustomer) {
  return (await m.get(InvoicesService).listForCustomer(c.owner)).items;
}

/** An invoice's lines as its owner reads them. */
export async function linesOf(m: MediumContext, c: PayingCustomer, invoiceId: string) {
  return (await m.get(InvoicesService).getForCustomer(c.owner, invoiceId)).lines;
}

/** A staff member (admin by default) as the console's token proves them. */
export async function staffMember(m: MediumContext, role: 'operator' | 'admin' = 'admin'): Promise<AuthUser> {
  const user = await m.get(AccountLifecycleService).createStaff({
    email: `${role}-${Math.random().toString(36).slice(2, 10)}@example.jp`,
    name: 'スタッフ',
    role,
    passwordHash: 'x',
  });
  return { userId: user.id, accountId: null, role, audience: 'businesscall-console' };
}
