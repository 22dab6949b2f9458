import { Module } from '@nestjs/common';
import { QueueDashboardController } from './queue-dashboard.controller';
import { QueueDashboardMount } from './queue-dashboard.mount';
import { QueueDashboardService } from './queue-dashboard.service';

/** HTTP API only: the staff queue dashboard (Bull Board) behind an admin-only ticket and cookie. */
@Module({
  controllers: [QueueDashboardController],
  providers: [QueueDashboardService, QueueDashboardMount],
})
export class QueueDashboardModule {}
