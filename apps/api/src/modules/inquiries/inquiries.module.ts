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
import { InquiryActionLinksController } from './action-links/inquiry-action-links.controller';
import { InquiryActionLinksService } from './action-links/inquiry-action-links.service';

/** The inquiries domain: recording from calls (operators), the customer's inbox, contacts, usage. */
@Module({
  imports: [AccountsModule],
  controllers: [
    ...CUSTOMER_INQUIRIES_CONTROLLERS,
    ...OPERATOR_INQUIRIES_CONTROLLERS,
    InquiryActionLinksController,
  ],
  providers: [
    ...CUSTOMER_INQUIRIES_PROVIDERS,
    ...OPERATOR_INQUIRIES_PROVIDERS,
    InquiryReadService,
    InquiryActionLinksService,
  ],
  exports: [...OPERATOR_INQUIRIES_EXPORTS, InquiryReadService, InquiryActionLinksService],
})
export class InquiriesModule {}
