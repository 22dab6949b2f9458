import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { RecipientsModule } from '../recipients/recipients.module';
import { RoutingRulesController } from './routing-rules.controller';
import { RoutingRulesRepository } from './routing-rules.repository';
import { RoutingRulesService } from './routing-rules.service';

/** R8.3: routing rules (who hears of an inquiry), used by the fan-out in DeliveriesModule. */
@Module({
  imports: [AccountsModule, RecipientsModule],
  controllers: [RoutingRulesController],
  providers: [RoutingRulesRepository, RoutingRulesService],
  exports: [RoutingRulesService],
})
export class RoutingModule {}
