import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CountedCallsModule } from '../calls/usage/counted-calls.module';
import { InquiriesModule } from '../inquiries/inquiries.module';
import { NumberPoolModule } from '../numbers/number-pool.module';
import { AdminCatalogueController } from './catalogue-admin.controller';
import { CatalogueController } from './catalogue.controller';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import { Clock } from './clock';
import { CardController } from './payments/card.controller';
import { CardsAdminController } from './payments/cards-admin.controller';
import { CardsService } from './payments/cards.service';
import { PAYMENT_PROVIDER } from './payments/payment-provider.port';
import { PaymentCustomersRepository } from './payments/payment-customers.repository';
import { PaymentMethodsRepository } from './payments/payment-methods.repository';
import { PaymentProviderEventsRepository } from './payments/payment-provider-events.repository';
import { PaymentsController } from './payments/payments.controller';
import { StripePaymentProvider } from './payments/stripe-payment.provider';
import { MonthPricingRepository } from './pricing/month-pricing.repository';
import { BillingUsageService } from './subscriptions/billing-usage.service';
import { CancellationService } from './subscriptions/cancellation.service';
import { PlanChangeService } from './subscriptions/plan-change.service';
import { SubscriptionOptionsService } from './subscriptions/subscription-options.service';
import { SubscriptionViewService } from './subscriptions/subscription-view.service';
import { SubscriptionsAdminController } from './subscriptions/subscriptions-admin.controller';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import {
  SubscriptionChangesRepository,
  SubscriptionsRepository,
} from './subscriptions/subscriptions.repository';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/**
 * The billing domain: the catalogue of plans, options and fees, with dated prices (R2.1), and the
 * account's card through the payment provider (R1.5).
 */
@Module({
  // CountedCallsModule: the usage meter's counted calls; InquiriesModule: their callers' names.
  imports: [AccountsModule, CountedCallsModule, InquiriesModule, NumberPoolModule],
  controllers: [
    CatalogueController,
    AdminCatalogueController,
    PaymentsController,
    CardController,
    CardsAdminController,
    SubscriptionsController,
    SubscriptionsAdminController,
  ],
  providers: [
    CatalogueRepository,
    CatalogueService,
    Clock,
    PaymentMethodsRepository,
    PaymentCustomersRepository,
    PaymentProviderEventsRepository,
    CardsService,
    { provide: PAYMENT_PROVIDER, useClass: StripePaymentProvider },
    SubscriptionsRepository,
    SubscriptionsService,
    SubscriptionChangesRepository,
    SubscriptionViewService,
    PlanChangeService,
    CancellationService,
    SubscriptionOptionsService,
    BillingUsageService,
    MonthPricingRepository,
  ],
  exports: [
    CatalogueService,
    MonthPricingRepository,
    CardsService,
    PaymentProviderEventsRepository,
    SubscriptionsService,
    CancellationService,
    PAYMENT_PROVIDER,
    Clock,
  ],
})
export class BillingModule {}
