import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { NumbersAdminController } from './numbers-admin.controller';
import { NumbersController } from './numbers.controller';
import { NumberPoolModule } from './number-pool.module';
import { NumbersSeed } from './numbers.seed';

/** The number pool (R3.1), issuing numbers and how customers use theirs (R3.2). Calls live in CallsModule. */
@Module({
  imports: [AccountsModule, NumberPoolModule],
  controllers: [NumbersAdminController, NumbersController],
  providers: [NumbersSeed],
  exports: [NumberPoolModule, NumbersSeed],
})
export class NumbersModule {}
