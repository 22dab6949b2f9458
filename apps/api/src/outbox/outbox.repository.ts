import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { OutboxEvent } from './outbox-event.entity';
import { currentTraceMetadata } from '../common/tracing/trace-context';
import type { OutboxEventInput, OutboxEventType, OutboxPayload } from './events';

/** How many recently read events OutboxRepository.findById keeps, and for how long. */
const RECENT_EVENTS = 256;
const RECENT_EVENT_MS = 5000;

/** Writes domain events into the outbox, inside the caller's transaction; the relay reads them back. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DatabaseService) {}

  /** One event of the catalogue (events.ts), in the caller's transaction `em`. */
  async add(event: OutboxEventInput, em: EntityManager): Promise<void> {
    await this.addMany<OutboxEventType>(event.type, [event.payload], em);
  }

  /**
   * Events of one type in one statement (a bulk action writes one per row it changed), with the
   * trace context of the request writing them (null without tracing), which the relay hands on.
   */
  async addMany<T extends OutboxEventType>(
    type: T,
    payloads: OutboxPayload<T>[],
    em: EntityManager,
  ): Promise<void> {
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
  async claimUnpublished(
    limit: number,
    em: EntityManager,
  ): Promise<{ id: string; type: string; traceContext: string | null }[]> {
    // the trace context (issue 16): the relay's jobs continue the trace of the request that wrote it
    const rows: { id: string; type: string; trace_context: string | null }[] = await em.query(
      `SELECT id, type, trace_context FROM outbox_events WHERE published_at IS NULL
       ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, type: r.type, traceContext: r.trace_context }));
  }

  async markPublished(ids: string[], em: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await em.query(`UPDATE outbox_events SET published_at = now() WHERE id = ANY($1)`, [ids]);
  }

  /**
   * One event. An event's type and payload never change once written, so the last few read are
   * kept for a few seconds: each subscriber's `handle-event` job reads the same event, and the
   * reads after the first then cost no query.
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
