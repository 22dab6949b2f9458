import { Module, type Provider } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { CountedCallsModule } from '../../calls/usage/counted-calls.module';
import { BillingModule } from '../billing.module';
import { BillingEventsHandler } from '../billing-run/billing-events.handler';
import { BillingProcessor } from '../billing-run/billing.processor';
import { BillingRunService } from '../billing-run/billing-run.service';
import { BillingScheduler } from '../billing-run/billing.scheduler';
import { PaymentWebhookController } from '../payments/payment-webhook.controller';
import { PaymentWebhookService } from '../payments/payment-webhook.service';
import { ChargesService } from './charges.service';
import { InvoiceAuthenticationService } from './invoice-authentication.service';
import {
  AccountInvoicesAdminController,
  BillingRunsAdminController,
  InvoicesAdminController,
} from './invoices-admin.controller';
import { InvoicesController } from './invoices.controller';
import { BillingRunsRepository } from '../billing-run/billing-runs.repository';
import { ChargeAttemptsRepository } from './charge-attempts.repository';
import { InvoicesRepository } from './invoices.repository';
import { InvoicesService } from './invoices.service';
import { BillingRunMetrics } from '../billing-run/billing-run.metrics';

/**
 * Invoices and money movement (R2.3, R2.4, R2.8, R2.9): the first invoice, the monthly run,
 * charges and retries, credit notes, PDFs. Part of billing; imports BillingModule (catalogue,
 * subscriptions, the payment provider, the one Clock every date rule reads) and CountedCallsModule
 * (the calls module's counted calls), neither of which imports this one.
 */
@Module({
  imports: [BillingModule, AccountsModule, CountedCallsModule],
  controllers: [
    InvoicesController,
    AccountInvoicesAdminController,
    InvoicesAdminController,
    BillingRunsAdminController,
    PaymentWebhookController,
  ],
  providers: [
    InvoicesRepository,
    ChargeAttemptsRepository,
    BillingRunsRepository,
    InvoicesService,
    ChargesService,
    BillingRunService,
    BillingEventsHandler,
    InvoiceAuthenticationService,
    PaymentWebhookService,
  ],
  exports: [InvoicesService, BillingRunService, BillingEventsHandler],
})
export class InvoicesModule {}

/** What only the worker runs for billing: the billing queue's processor and its schedules. */
export const INVOICES_WORKER_PROVIDERS: Provider[] = [BillingProcessor, BillingScheduler, BillingRunMetrics];
