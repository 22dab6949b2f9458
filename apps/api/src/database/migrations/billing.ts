import type { MigrationInterface } from 'typeorm';
import { CreateCatalogue1764100000000 } from './1764100000000-CreateCatalogue';
import { CreatePaymentMethods1764150000000 } from './1764150000000-CreatePaymentMethods';
import { CreateSubscriptions1765000000000 } from './1765000000000-CreateSubscriptions';
import { CreateSubscriptionRequests1765200000000 } from './1765200000000-CreateSubscriptionRequests';
import { CreateInvoices1765300000000 } from './1765300000000-CreateInvoices';
import { AddInvoiceAnnouncement1765800000000 } from './1765800000000-AddInvoiceAnnouncement';
import { FreezeInvoiceRecipient1766000000000 } from './1766000000000-FreezeInvoiceRecipient';
import { CreateBilledCallCounts1766000100000 } from './1766000100000-CreateBilledCallCounts';
import { MovePricesToFirstOfMonth1766000200000 } from './1766000200000-MovePricesToFirstOfMonth';
import { MovePaymentsToIntents1766830000000 } from './1766830000000-MovePaymentsToIntents';

/** The billing module's migrations (files named <unix-ms>-<VerbNoun>.ts beside this one). */
export const BILLING_MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateCatalogue1764100000000,
  CreatePaymentMethods1764150000000,
  CreateSubscriptions1765000000000,
  CreateSubscriptionRequests1765200000000,
  CreateInvoices1765300000000,
  AddInvoiceAnnouncement1765800000000,
  FreezeInvoiceRecipient1766000000000,
  CreateBilledCallCounts1766000100000,
  MovePricesToFirstOfMonth1766000200000,
  MovePaymentsToIntents1766830000000,
];
