import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BillingModule } from '../billing/billing.module';
import { MemosAdminController } from './memos-admin.controller';
import { MemosController } from './memos.controller';
import { MemosRepository } from './memos.repository';
import { MemosService } from './memos.service';

/**
 * The memos domain (R5, R3.6, R8.8): answer memos, Q&A and out-of-hours announcements, their review
 * and history. Exports MemosService: telephony reads the approved, live content through it.
 */
@Module({
  imports: [AccountsModule, BillingModule],
  controllers: [MemosController, MemosAdminController],
  providers: [MemosRepository, MemosService],
  exports: [MemosService],
})
export class MemosModule {}
