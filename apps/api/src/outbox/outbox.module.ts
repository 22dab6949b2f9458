import { Global, Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';
import { OutboxSubscribers } from './outbox-subscribers';

/** The transactional outbox (style.md, Transactions): any module writes its events
 * through it (events.ts is their catalogue) and subscribes to them (OutboxSubscribers, worker only). */
@Global()
@Module({
  providers: [OutboxRepository, OutboxSubscribers],
  exports: [OutboxRepository, OutboxSubscribers],
})
export class OutboxModule {}
