import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { OutboxEvent } from './outbox-event.entity';

/** Writes domain events into the outbox, inside the caller's transaction; the relay reads them back. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DatabaseService) {}

  async add(type: string, payload: Record<string, unknown>, em: EntityManager): Promise<void> {
    const repo = this.db.repository(OutboxEvent, em);
    await repo.save(repo.create({ type, payload }));
  }

  /**
   * Locks up to `limit` unpublished events, oldest first, until `em`'s transaction ends. Rows another
   * relay holds are skipped (SKIP LOCKED), so several workers never publish the same event together.
   */
  async claimUnpublished(limit: number, em: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM outbox_events WHERE published_at IS NULL
       ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async markPublished(ids: string[], em: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await em.query(`UPDATE outbox_events SET published_at = now() WHERE id = ANY($1)`, [ids]);
  }

  findById(id: string): Promise<OutboxEvent | null> {
    return this.db.repository(OutboxEvent).findOneBy({ id });
  }
}
