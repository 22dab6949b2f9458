import { CallbackAttemptsRepository } from './callback-attempts.repository';
import { CustomerInquiriesController } from './customer-inquiries.controller';
import { CustomerInquiriesRepository } from './customer-inquiries.repository';
import { CustomerInquiriesService } from './customer-inquiries.service';

/** The customer's side of inquiries, registered in InquiriesModule. */
export const CUSTOMER_INQUIRIES_CONTROLLERS = [CustomerInquiriesController];
export const CUSTOMER_INQUIRIES_PROVIDERS = [
  CustomerInquiriesRepository,
  CallbackAttemptsRepository,
  CustomerInquiriesService,
];
