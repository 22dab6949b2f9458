import { Global, Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';

/** The transactional outbox (style.md, Transactions): any module writes its events through it. */
@Global()
@Module({
  providers: [OutboxRepository],
  exports: [OutboxRepository],
})
export class OutboxModule {}
