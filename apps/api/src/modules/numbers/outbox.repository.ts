import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DatabaseService } from '../../database/database.service';
import { OutboxEvent } from './outbox-event.entity';

/** Writes domain events into the outbox, inside the caller's transaction. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DatabaseService) {}

  async add(type: string, payload: Record<string, unknown>, em: EntityManager): Promise<void> {
    const repo = this.db.repository(OutboxEvent, em);
    await repo.save(repo.create({ type, payload }));
  }
}
