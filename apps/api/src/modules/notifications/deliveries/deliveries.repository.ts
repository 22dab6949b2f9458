import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../../database/database.service';
import { ChatworkLink } from '../chatwork/chatwork-link.entity';
import type { SealedTokens } from '../chatwork/chatwork-links.repository';
import type { RoutingRule } from '../routing/route-inquiry';
import type { EndpointKind } from '../webhooks/url-guard';
import {
  NotificationDelivery,
  type DeliveryChannel,
  type DeliveryKind,
  type DeliveryStatus,
} from './notification-delivery.entity';
import { StatementBatcher } from './statement-batcher';

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

/** What the delivery carries (its `kind` column). */
export const deliveryKind = (d: Pick<NewDelivery, 'eventId' | 'reminder'>): DeliveryKind =>
  d.eventId ? 'event' : d.reminder ? 'reminder' : 'inquiry_created';

const LAST_ERROR_LENGTH = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A delivery's columns, as the raw queries below return them. */
const DELIVERY_COLUMNS = `id, account_id, inquiry_id, channel, kind, event_id, target, status, attempts,
  last_error, sent_at, idempotency_key, created_at, updated_at`;

interface DeliveryRow {
  id: string;
  account_id: string;
  inquiry_id: string | null;
  channel: DeliveryChannel;
  kind: DeliveryKind;
  event_id: string | null;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  idempotency_key: string;
  created_at: Date;
  updated_at: Date;
}

function toDelivery(r: DeliveryRow): NotificationDelivery {
  return Object.assign(new NotificationDelivery(), {
    id: r.id,
    accountId: r.account_id,
    inquiryId: r.inquiry_id,
    channel: r.channel,
    kind: r.kind,
    eventId: r.event_id,
    target: r.target,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    sentAt: r.sent_at,
    idempotencyKey: r.idempotency_key,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

interface ClaimRow extends DeliveryRow {
  prev_id: string;
  prev_status: DeliveryStatus;
  prev_attempts: number;
  e_id: string | null;
  e_kind: EndpointKind | null;
  e_url: string | null;
  e_description: string | null;
  e_enabled: boolean | null;
  e_disabled_reason: string | null;
  e_secret_encrypted: string | null;
  l_id: string | null;
  l_chatwork_account_id: string | null;
  l_chatwork_name: string | null;
  l_room_id: string | null;
  l_room_name: string | null;
  l_status: ChatworkLink['status'] | null;
  l_broken_reason: string | null;
  l_access_token_expires_at: Date | null;
  l_linked_by: string | null;
  l_created_at: Date | null;
  l_updated_at: Date | null;
  l_access_token_encrypted: string | null;
  l_refresh_token_encrypted: string | null;
}

function toClaimed(r: ClaimRow): ClaimedDelivery {
  const previous = { status: r.prev_status, attempts: r.prev_attempts };
  if (!r.id) return { previous, delivery: null, endpoint: null, chatwork: null };
  return {
    previous,
    delivery: toDelivery(r),
    endpoint: r.e_id
      ? {
          id: r.e_id,
          kind: r.e_kind!,
          url: r.e_url!,
          description: r.e_description ?? '',
          enabled: !!r.e_enabled,
          disabledReason: r.e_disabled_reason,
          sealedSecret: r.e_secret_encrypted,
        }
      : null,
    chatwork: r.l_id
      ? {
          link: Object.assign(new ChatworkLink(), {
            id: r.l_id,
            accountId: r.account_id,
            chatworkAccountId: r.l_chatwork_account_id!,
            chatworkName: r.l_chatwork_name!,
            roomId: r.l_room_id,
            roomName: r.l_room_name,
            status: r.l_status!,
            brokenReason: r.l_broken_reason,
            accessTokenExpiresAt: r.l_access_token_expires_at!,
            linkedBy: r.l_linked_by,
            createdAt: r.l_created_at!,
            updatedAt: r.l_updated_at!,
          }),
          sealed: {
            accessTokenEncrypted: r.l_access_token_encrypted!,
            refreshTokenEncrypted: r.l_refresh_token_encrypted!,
          },
        }
      : null,
  };
}

/** An endpoint as a delivery reads it when its attempt starts; the secret stays sealed. */
export interface ClaimedEndpoint {
  id: string;
  kind: EndpointKind;
  url: string;
  description: string;
  enabled: boolean;
  disabledReason: string | null;
  sealedSecret: string | null;
}

/** One started attempt and what its send needs (DeliveriesRepository.claim). */
export interface ClaimedDelivery {
  /** The row before this attempt. */
  previous: { status: DeliveryStatus; attempts: number };
  /** The row with this attempt counted; null when it was already sent (nothing to do). */
  delivery: NotificationDelivery | null;
  endpoint: ClaimedEndpoint | null;
  chatwork: { link: ChatworkLink; sealed: SealedTokens } | null;
}

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
    // One statement: the rows inserted now, and those of these keys that already existed and are
    // still queued (the second SELECT sees the table as before the INSERT, so none comes twice).
    const found: DeliveryRow[] = await this.db.manager.query(
      `WITH inserted AS (
         INSERT INTO notification_deliveries
           (account_id, inquiry_id, channel, kind, event_id, target, idempotency_key)
         SELECT r.account_id, r.inquiry_id, r.channel, r.kind, r.event_id, r.target, r.idempotency_key
           FROM jsonb_to_recordset($1::jsonb) AS r(account_id uuid, inquiry_id uuid, channel text,
             kind text, event_id uuid, target text, idempotency_key text)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING ${DELIVERY_COLUMNS}
       )
       SELECT * FROM inserted
       UNION ALL
       SELECT ${DELIVERY_COLUMNS} FROM notification_deliveries
        WHERE idempotency_key = ANY($2::text[]) AND status = 'queued'`,
      [
        JSON.stringify(
          rows.map((r, i) => ({
            account_id: r.accountId,
            inquiry_id: r.inquiryId,
            channel: r.channel,
            kind: deliveryKind(r),
            event_id: r.eventId ?? null,
            target: r.target,
            idempotency_key: keys[i],
          })),
        ),
        keys,
      ],
    );
    return found.map(toDelivery);
  }

  findById(id: string): Promise<NotificationDelivery | null> {
    return this.db.repository(NotificationDelivery).findOneBy({ id });
  }

  /** The channels and targets that heard of the new inquiry (its `inquiry_created` deliveries). */
  async creationTargets(
    accountId: string,
    inquiryId: string,
  ): Promise<Pick<NotificationDelivery, 'channel' | 'target'>[]> {
    return this.db.manager.query(
      `SELECT channel, target FROM notification_deliveries
        WHERE account_id = $1 AND inquiry_id = $2 AND kind = 'inquiry_created'
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

  /**
   * Starts an attempt in one statement (the hot path of every delivery): marks it `sending` and
   * counts the attempt unless it is already sent, and returns with it what the send needs from the
   * notifications module's own tables: the endpoint with its sealed secret (webhook, Slack, Teams)
   * or the account's Chatwork link with its sealed tokens. `previous` is the row as it was before
   * (every part of one statement sees the same snapshot). Null when the delivery is gone.
   */
  claim(id: string): Promise<ClaimedDelivery | null> {
    // One malformed id must not fail the statement it would share with others.
    if (!UUID.test(id)) return Promise.reject(new Error(`not a delivery id: ${id.slice(0, 40)}`));
    return this.claims.run(id);
  }

  /** Deliveries starting together share one claim statement (see StatementBatcher). */
  private readonly claims = new StatementBatcher<string, ClaimedDelivery | null>(async (ids) => {
    const rows: ClaimRow[] = await this.db.manager.query(
      `WITH prev AS (
         SELECT id, status, attempts FROM notification_deliveries WHERE id = ANY($1::uuid[])
       ), claimed AS (
         UPDATE notification_deliveries SET status = 'sending', attempts = attempts + 1, updated_at = now()
          WHERE id = ANY($1::uuid[]) AND status <> 'sent'
          RETURNING ${DELIVERY_COLUMNS}
       )
       SELECT p.id AS prev_id, p.status AS prev_status, p.attempts AS prev_attempts, c.*,
              e.id AS e_id, e.kind AS e_kind, e.url AS e_url, e.description AS e_description,
              e.enabled AS e_enabled, e.disabled_reason AS e_disabled_reason,
              e.secret_encrypted AS e_secret_encrypted,
              l.id AS l_id, l.chatwork_account_id::text AS l_chatwork_account_id,
              l.chatwork_name AS l_chatwork_name, l.room_id::text AS l_room_id, l.room_name AS l_room_name,
              l.status AS l_status, l.broken_reason AS l_broken_reason,
              l.access_token_expires_at AS l_access_token_expires_at, l.linked_by AS l_linked_by,
              l.created_at AS l_created_at, l.updated_at AS l_updated_at,
              l.access_token_encrypted AS l_access_token_encrypted,
              l.refresh_token_encrypted AS l_refresh_token_encrypted
         FROM prev p
         LEFT JOIN claimed c ON c.id = p.id
         LEFT JOIN webhook_endpoints e
           ON c.channel IN ('webhook', 'slack', 'teams') AND e.account_id = c.account_id AND e.id::text = c.target
         LEFT JOIN chatwork_links l ON c.channel = 'chatwork' AND l.account_id = c.account_id`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.prev_id, r]));
    return ids.map((id) => {
      const r = byId.get(id);
      return r ? toClaimed(r) : null;
    });
  });

  /**
   * The delivery was sent. With `endpointId` (a webhook, Slack or Teams delivery) the same
   * statement resets the endpoint's failures in a row (R6.3), as every success does.
   */
  markSent(id: string, endpointId: string | null = null): Promise<void> {
    return this.sent.run({ id, endpointId });
  }

  /** Deliveries sent together are recorded by one statement (see StatementBatcher). */
  private readonly sent = new StatementBatcher<{ id: string; endpointId: string | null }, void>(
    async (items) => {
      await this.db.manager.query(
        `WITH sent AS (
           UPDATE notification_deliveries
              SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now()
            WHERE id = ANY($1::uuid[])
            RETURNING id
         ), reset AS (
           UPDATE webhook_endpoints SET consecutive_failures = 0, updated_at = now()
            WHERE id = ANY($2::uuid[]) AND consecutive_failures > 0
            RETURNING id
         )
         SELECT (SELECT count(*) FROM sent)::int AS sent, (SELECT count(*) FROM reset)::int AS reset`,
        [items.map((i) => i.id), [...new Set(items.flatMap((i) => (i.endpointId ? [i.endpointId] : [])))]],
      );
      return items.map(() => undefined);
    },
  );

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

/**
 * What the fan-out of one event reads about its account, from the notifications module's tables:
 * the routing rules in priority order, the confirmed notification addresses, the enabled
 * endpoints subscribed to the event, the Chatwork link's state and room. One round trip instead
 * of four (bench/notifications.mjs).
 */
export interface FanOutContext {
  rules: RoutingRule[];
  confirmed: { id: string; email: string }[];
  endpoints: { id: string; kind: EndpointKind }[];
  chatwork: { status: ChatworkLink['status']; roomId: string | null } | null;
}

@Injectable()
export class FanOutContextRepository {
  constructor(private readonly db: DatabaseService) {}

  async read(accountId: string, eventType: string): Promise<FanOutContext> {
    const rows: FanOutContext[] = await this.db.manager.query(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object(
                   'id', r.id, 'forWhomContains', r.for_whom_contains,
                   'callbackRequired', r.callback_required, 'urgent', r.urgent,
                   'categories', r.categories, 'channels', r.channels,
                   'emailAddressIds', r.email_address_ids, 'memberIds', r.member_ids)
                 ORDER BY r.position, r.created_at), '[]'::json)
            FROM notification_routing_rules r WHERE r.account_id = $1) AS rules,
         (SELECT coalesce(json_agg(json_build_object('id', a.id, 'email', a.email)
                 ORDER BY a.created_at, a.id), '[]'::json)
            FROM notification_email_addresses a
           WHERE a.account_id = $1 AND a.confirmed_at IS NOT NULL) AS confirmed,
         (SELECT coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind)
                 ORDER BY e.created_at), '[]'::json)
            FROM webhook_endpoints e
           WHERE e.account_id = $1 AND e.enabled AND $2 = ANY (e.events)) AS endpoints,
         (SELECT json_build_object('status', l.status, 'roomId', l.room_id::text)
            FROM chatwork_links l WHERE l.account_id = $1) AS chatwork`,
      [accountId, eventType],
    );
    return rows[0]!;
  }
}
