import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../../database/database.service';
import { NotificationDelivery, type DeliveryChannel } from './notification-delivery.entity';

export interface NewDelivery {
  accountId: string;
  /** Null for an account event (`invoice.issued`), which must then carry its `eventId`. */
  inquiryId: string | null;
  channel: DeliveryChannel;
  target: string;
  /**
   * The outbox event this delivery carries when it is not the inquiry's creation (e.g.
   * `inquiry.status_changed`): then the key is `event:<event id>:<channel>:<target>`.
   */
  eventId?: string;
  /** R8.2: the reminder of a still unhandled 折り返し必要 inquiry: `reminder:<inquiry id>:<channel>:<target>`. */
  reminder?: boolean;
}

/**
 * The key that makes a delivery unique (R6.4): one per inquiry, channel and target for a new
 * inquiry (`inquiry:<id>:<channel>:<target>`); one per outbox event, channel and target for later
 * events of the inquiry (`event:<event id>:<channel>:<target>`).
 */
export const deliveryKey = (
  d: Pick<NewDelivery, 'inquiryId' | 'channel' | 'target' | 'eventId' | 'reminder'>,
) =>
  d.eventId
    ? `event:${d.eventId}:${d.channel}:${d.target}`
    : `${d.reminder ? 'reminder' : 'inquiry'}:${d.inquiryId}:${d.channel}:${d.target}`;

/** R8.2: true for a reminder's key. */
export const isReminderKey = (key: string) => key.startsWith('reminder:');

/** The outbox event id of an `event:` key; null for an inquiry's creation. */
export function eventIdOfKey(key: string): string | null {
  const m = /^event:([0-9a-f-]{36}):/i.exec(key);
  return m ? m[1] : null;
}

const LAST_ERROR_LENGTH = 500;

/** notification_deliveries: the fan-out writes rows, the processor moves their status along. */
@Injectable()
export class DeliveriesRepository {
  constructor(private readonly db: DatabaseService) {}

  /**
   * Inserts the deliveries that do not exist yet (ON CONFLICT DO NOTHING on the idempotency key)
   * and returns every delivery of these keys that is still waiting to be sent (queued), new or not:
   * a replay re-enqueues under the same job id, which BullMQ ignores while it knows the job.
   */
  async insertMissing(rows: NewDelivery[]): Promise<NotificationDelivery[]> {
    if (rows.length === 0) return [];
    const keys = rows.map(deliveryKey);
    await this.db.manager.query(
      `INSERT INTO notification_deliveries (account_id, inquiry_id, channel, target, idempotency_key)
       SELECT r.account_id, r.inquiry_id, r.channel, r.target, r.idempotency_key
         FROM jsonb_to_recordset($1::jsonb) AS r(
           account_id uuid, inquiry_id uuid, channel text, target text, idempotency_key text)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        JSON.stringify(
          rows.map((r, i) => ({
            account_id: r.accountId,
            inquiry_id: r.inquiryId,
            channel: r.channel,
            target: r.target,
            idempotency_key: keys[i],
          })),
        ),
      ],
    );
    return this.db
      .repository(NotificationDelivery)
      .createQueryBuilder('d')
      .where('d.idempotency_key IN (:...keys)', { keys })
      .andWhere(`d.status = 'queued'`)
      .getMany();
  }

  findById(id: string): Promise<NotificationDelivery | null> {
    return this.db.repository(NotificationDelivery).findOneBy({ id });
  }

  /** The channels and targets that heard of the new inquiry (its `inquiry:` deliveries). */
  async creationTargets(
    accountId: string,
    inquiryId: string,
  ): Promise<Pick<NotificationDelivery, 'channel' | 'target'>[]> {
    return this.db.manager.query(
      `SELECT channel, target FROM notification_deliveries
        WHERE account_id = $1 AND inquiry_id = $2 AND idempotency_key LIKE 'inquiry:%'
        ORDER BY created_at, id`,
      [accountId, inquiryId],
    );
  }

  listByInquiry(accountId: string, inquiryId: string): Promise<NotificationDelivery[]> {
    return this.db.repository(NotificationDelivery).find({
      where: { accountId, inquiryId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Marks the attempt started; null when the delivery is gone or already sent (nothing to do). */
  async startAttempt(id: string): Promise<NotificationDelivery | null> {
    const rows: unknown[] = await this.db.manager.query(
      `WITH changed AS (
         UPDATE notification_deliveries SET status = 'sending', attempts = attempts + 1, updated_at = now()
          WHERE id = $1 AND status <> 'sent' RETURNING id
       )
       SELECT id FROM changed`,
      [id],
    );
    if (rows.length === 0) return null;
    return this.findById(id);
  }

  async markSent(id: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE notification_deliveries
          SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now()
        WHERE id = $1`,
      [id],
    );
  }

  async markFailedAttempt(id: string, status: 'retrying' | 'failed', error: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE notification_deliveries SET status = $2, last_error = $3, updated_at = now()
        WHERE id = $1 AND status <> 'sent'`,
      [id, status, [...error].slice(0, LAST_ERROR_LENGTH).join('')],
    );
  }

  /** failed → queued, only from failed (a concurrent resend loses); true when it changed. */
  async requeueFailed(accountId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `WITH changed AS (
         UPDATE notification_deliveries SET status = 'queued', last_error = NULL, updated_at = now()
          WHERE id = $1 AND account_id = $2 AND status = 'failed' RETURNING id
       )
       SELECT id FROM changed`,
      [id, accountId],
    );
    return rows.length > 0;
  }
}
