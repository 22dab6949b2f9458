import { Module } from '@nestjs/common';
import { CountedCallsService } from './counted-calls.service';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

/**
 * R2.2: the counted calls (answered by an operator) and the customers' usage endpoint, without the
 * rest of telephony. Billing imports this one: CallsModule needs memos, and memos need billing, so
 * importing CallsModule from billing would be a cycle (as with NumberPoolModule).
 */
@Module({
  controllers: [UsageController],
  providers: [CountedCallsService, UsageService],
  exports: [CountedCallsService],
})
export class CountedCallsModule {}
