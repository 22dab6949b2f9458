import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from './config/app.config';
import { ConfigModule } from './config/config.module';
import { JwtAuthGuard } from './common/auth/jwt-auth.guard';
import { RolesGuard } from './common/auth/roles.guard';
import { RateLimitGuard } from './common/rate-limit/rate-limit.guard';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { DatabaseModule } from './database/database.module';
import { OutboxModule } from './outbox/outbox.module';
import { QueuesModule } from './queues/queues.module';
import { QueueDashboardModule } from './queues/dashboard/queue-dashboard.module';
import { RedisModule } from './redis/redis.module';
import { AccountsModule } from './modules/accounts/accounts.module';
import { BillingModule } from './modules/billing/billing.module';
import { InvoicesModule } from './modules/billing/invoices/invoices.module';
import { HealthModule } from './modules/health/health.module';
import { InquiriesModule } from './modules/inquiries/inquiries.module';
import { MemosModule } from './modules/memos/memos.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { AccountMailsModule } from './modules/notifications/account-mails.adapter';
import { DeliveriesModule } from './modules/notifications/deliveries/deliveries.module';
import { NumbersModule } from './modules/numbers/numbers.module';
import { CallsModule } from './modules/calls/calls.module';

/** Every domain module with the shared infrastructure; the HTTP API and the worker both start from it. */
export function domainModules(config: AppConfig) {
  return [
    ConfigModule.forRoot(config),
    DatabaseModule,
    RedisModule,
    QueuesModule,
    OutboxModule,
    AccountsModule,
    BillingModule,
    InvoicesModule,
    NumbersModule,
    CallsModule,
    InquiriesModule,
    MemosModule,
    NotificationsModule,
    AccountMailsModule,
    DeliveriesModule,
  ];
}

/** The HTTP API: domain modules plus health, the global guards (authenticated by default) and the rate limits. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [...domainModules(config), HealthModule, QueueDashboardModule, RateLimitModule],
      // In this order: who is calling, whether they may, then whether they are over a limit.
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
