import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { InquiriesModule } from '../inquiries/inquiries.module';
import { MemosModule } from '../memos/memos.module';
import { NumbersAdminController } from './numbers-admin.controller';
import { NumbersController } from './numbers.controller';
import { NumberPoolModule } from './number-pool.module';
import { NumbersSeed } from './numbers.seed';
import { TELEPHONY_CONTROLLERS, TELEPHONY_PROVIDERS } from './telephony/telephony.providers';

/** The number pool (R3.1), issuing numbers, how customers use theirs (R3.2), and calls (R3.3–R3.6). */
@Module({
  imports: [AccountsModule, InquiriesModule, MemosModule, NumberPoolModule],
  controllers: [NumbersAdminController, NumbersController, ...TELEPHONY_CONTROLLERS],
  providers: [NumbersSeed, ...TELEPHONY_PROVIDERS],
  exports: [NumberPoolModule, NumbersSeed],
})
export class NumbersModule {}
