import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { NumbersAdminController } from './numbers-admin.controller';
import { NumbersController } from './numbers.controller';
import { NumbersRepository } from './numbers.repository';
import { NumbersService } from './numbers.service';

/** The number pool (R3.1), issuing numbers, and how customers use theirs (R3.2). */
@Module({
  imports: [AccountsModule],
  controllers: [NumbersAdminController, NumbersController],
  providers: [NumbersRepository, NumbersService],
  exports: [NumbersService],
})
export class NumbersModule {}
