import { CatalogueItem } from './catalogue-item.entity';
import { CataloguePrice } from './catalogue-price.entity';
import { PaymentMethod } from './payments/payment-method.entity';
import { SubscriptionOption } from './subscriptions/subscription-option.entity';
import { SubscriptionPlan } from './subscriptions/subscription-plan.entity';
import { SubscriptionCancellation } from './subscriptions/subscription-cancellation.entity';
import { SubscriptionPlanChoice } from './subscriptions/subscription-plan-choice.entity';

/** The billing module's TypeORM entities; database/entities.ts collects every module's list. */
export const BILLING_ENTITIES: (new () => object)[] = [
  CatalogueItem,
  CataloguePrice,
  PaymentMethod,
  SubscriptionOption,
  SubscriptionPlan,
  SubscriptionPlanChoice,
  SubscriptionCancellation,
];
