import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { OutboxEvent } from './outbox-event.entity';
import { currentTraceMetadata } from '../common/tracing/trace-context';

/** How many recently read events OutboxRepository.findById keeps, and for how long. */
const RECENT_EVENTS = 256;
const RECENT_EVENT_MS = 5000;

/** Writes domain events into the outbox, inside the caller's transaction; the relay reads them back. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DatabaseService) {}

  async add(type: string, payload: Record<string, unknown>, em: EntityManager): Promise<void> {
    await this.addMany(type, [payload], em);
  }

  /**
   * Events of one type in one statement (a bulk action writes one per row it changed), with the
   * trace context of the request writing them (null without tracing), which the relay hands on.
   */
  async addMany(type: string, payloads: Record<string, unknown>[], em: EntityManager): Promise<void> {
    if (payloads.length === 0) return;
    await em.query(
      `INSERT INTO outbox_events (type, payload, trace_context)
       SELECT $1, p, $3 FROM jsonb_array_elements($2::jsonb) AS p`,
      [type, JSON.stringify(payloads), currentTraceMetadata()],
    );
  }

  /**
   * Locks up to `limit` unpublished events, oldest first, until `em`'s transaction ends. Rows another
   * relay holds are skipped (SKIP LOCKED), so several workers never publish the same event together.
   */
  async claimUnpublished(limit: number, em: EntityManager): Promise<string[]> {
    return (await this.claimUnpublishedWithTrace(limit, em)).map((r) => r.id);
  }

  /** claimUnpublished, with each event's trace context (issue 16: the relay's jobs continue it). */
  async claimUnpublishedWithTrace(
    limit: number,
    em: EntityManager,
  ): Promise<{ id: string; traceContext: string | null }[]> {
    const rows: { id: string; trace_context: string | null }[] = await em.query(
      `SELECT id, trace_context FROM outbox_events WHERE published_at IS NULL
       ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, traceContext: r.trace_context }));
  }

  async markPublished(ids: string[], em: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await em.query(`UPDATE outbox_events SET published_at = now() WHERE id = ANY($1)`, [ids]);
  }

  /**
   * One event. An event's type and payload never change once written, so the last few read are
   * kept for a few seconds: notifications and billing both read the event of one `handle-event`
   * job, and the second read then costs no query.
   */
  async findById(id: string): Promise<OutboxEvent | null> {
    const now = Date.now();
    const hit = this.recent.get(id);
    if (hit && hit.until > now) return hit.event;
    const event = await this.db.repository(OutboxEvent).findOneBy({ id });
    if (event) {
      if (this.recent.size >= RECENT_EVENTS) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(id, { event, until: now + RECENT_EVENT_MS });
    }
    return event;
  }

  private readonly recent = new Map<string, { event: OutboxEvent; until: number }>();

  /** For `/metrics`: events not yet published and the age of the oldest, in seconds. */
  async lag(): Promise<{ unpublished: number; oldestSeconds: number }> {
    const rows: { unpublished: number; oldest: number | null }[] = await this.db.manager.query(
      `SELECT count(*)::int AS unpublished, extract(epoch FROM now() - min(created_at))::float8 AS oldest
         FROM outbox_events WHERE published_at IS NULL`,
    );
    return { unpublished: rows[0]?.unpublished ?? 0, oldestSeconds: rows[0]?.oldest ?? 0 };
  }
}
