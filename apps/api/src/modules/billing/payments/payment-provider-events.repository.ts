import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../../database/database.service';

/** The provider events handled, by id: the provider re-delivers, and a replay must change nothing. */
@Injectable()
export class PaymentProviderEventsRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Claims an event id; false when it was claimed before (a replay or a re-delivery). */
  async claim(eventId: string, type: string): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `INSERT INTO payment_provider_events (event_id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [eventId, type],
    );
    return rows.length > 0;
  }

  /** Gives a claim back when handling failed, so the provider's next delivery is handled. */
  async release(eventId: string): Promise<void> {
    await this.db.manager.query(`DELETE FROM payment_provider_events WHERE event_id = $1`, [eventId]);
  }
}
