import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { InquiriesModule } from '../inquiries/inquiries.module';
import { MemosModule } from '../memos/memos.module';
import { NumberPoolModule } from '../numbers/number-pool.module';
import { CALLS_CONTROLLERS, CALLS_PROVIDERS } from './calls.providers';
import { DeskDispatcher } from './desk/dispatcher.service';
import { CountedCallsModule } from './usage/counted-calls.module';

/**
 * Calls (R3.3–R3.6, R4.1): Twilio's webhooks, reception hours, the blocklist, the operators' desk
 * (presence, offers, the softphone's tokens), the live call stream and the counted calls (R2.2,
 * CountedCallsModule, which billing imports on its own). Numbers keeps the pool.
 */
@Module({
  imports: [AccountsModule, CountedCallsModule, InquiriesModule, MemosModule, NumberPoolModule],
  controllers: CALLS_CONTROLLERS,
  providers: CALLS_PROVIDERS,
  // The worker's desk sweep runs the dispatcher.
  exports: [DeskDispatcher],
})
export class CallsModule {}
