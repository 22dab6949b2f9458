import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import {
  CUSTOMER_INQUIRIES_CONTROLLERS,
  CUSTOMER_INQUIRIES_PROVIDERS,
} from './customer/customer-inquiries.providers';
import {
  OPERATOR_INQUIRIES_CONTROLLERS,
  OPERATOR_INQUIRIES_EXPORTS,
  OPERATOR_INQUIRIES_PROVIDERS,
} from './recording/operator-inquiries.providers';
import { InquiryReadService } from './inquiry-read.service';

/** The inquiries domain: recording from calls (operators), the customer's inbox, contacts, usage. */
@Module({
  imports: [AccountsModule],
  controllers: [...CUSTOMER_INQUIRIES_CONTROLLERS, ...OPERATOR_INQUIRIES_CONTROLLERS],
  providers: [...CUSTOMER_INQUIRIES_PROVIDERS, ...OPERATOR_INQUIRIES_PROVIDERS, InquiryReadService],
  exports: [...OPERATOR_INQUIRIES_EXPORTS, InquiryReadService],
})
export class InquiriesModule {}
