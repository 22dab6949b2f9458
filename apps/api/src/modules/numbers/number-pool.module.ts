import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { NumbersRepository } from './numbers.repository';
import { NumbersService } from './numbers.service';

/**
 * The number pool alone (R3.1: issue, release into quarantine), without telephony. Billing imports
 * this one to free a cancelled account's number: CallsModule needs memos, and memos
 * need billing, so importing those from billing would be a cycle.
 */
@Module({
  imports: [AccountsModule],
  providers: [NumbersRepository, NumbersService],
  exports: [NumbersRepository, NumbersService],
})
export class NumberPoolModule {}
