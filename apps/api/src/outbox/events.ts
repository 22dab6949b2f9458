import type { InquiryCategory, InquiryStatus, MemoKind } from '@bc/domain';

/**
 * The catalogue of outbox events: every event type a module may write, with its payload. It is
 * the contract between the module that writes an event (in the transaction of its change) and the
 * modules that subscribe to it (outbox-subscribers.ts; a type without a subscriber fails the
 * worker's start-up). docs/architecture.md lists who writes and who reads each one.
 *
 * Payloads are JSON: dates are ISO 8601 strings. Add a field as optional, or old rows will not
 * match their type any more.
 */
export interface OutboxEvents {
  /** A number was issued to an account (R3.1). Billing starts the service; the owner is mailed. */
  'number.issued': {
    accountId: string;
    numberId: string;
    e164: string;
    /** ISO 8601. */
    issuedAt: string;
  };
  /** A new inquiry was recorded (R4.2, R6): notifications fan it out and schedule its reminder. */
  'inquiry.created': {
    inquiryId: string;
    accountId: string;
    callbackRequired: boolean;
    urgent: boolean;
    category: InquiryCategory;
    /** ISO 8601: when the call came in. */
    receivedAt: string;
  };
  /** A customer changed an inquiry's status (R4.3, R6.3): subscribed webhooks get it. */
  'inquiry.status_changed': {
    inquiryId: string;
    accountId: string;
    from: InquiryStatus;
    to: InquiryStatus;
    /** ISO 8601. */
    changedAt: string;
    /** The person's or API key's name, as the status history shows it; null when unknown. */
    actorName: string | null;
  };
  /**
   * An invoice was issued (R2.3, R2.9, R6.5): the owner's mail, subscribed webhooks. Written here
   * (the first invoice) and, set-based, by InvoicesRepository.announceRunInvoices (a billing run),
   * whose SQL builds the same object.
   */
  'invoice.issued': {
    accountId: string;
    invoiceId: string;
    number: number;
    /** 'YYYY-MM' */
    period: string;
    /** Whole yen, tax included. */
    total: number;
    kind?: string;
    /** 'YYYY-MM-DD' (Japan date); absent in events written before it was added. */
    issueDate?: string;
  };
  /** A charge was declined (R2.9): the owner is mailed 「お支払いに失敗しました」. */
  'invoice.payment_failed': {
    accountId: string;
    invoiceId: string;
    number: number;
    /** 'YYYY-MM' */
    period: string;
    total: number;
    attemptNo: number;
    /** ISO 8601; null: no more automatic retries. */
    nextAttemptAt: string | null;
  };
  /** The card issuer asks for the cardholder's authentication (issue 17): the owner is mailed the link. */
  'invoice.payment_action_required': {
    accountId: string;
    invoiceId: string;
    number: number;
    /** 'YYYY-MM' */
    period: string;
    total: number;
    attemptNo: number;
  };
  /** A card was registered or changed (R2.9): billing retries what is unpaid at once. */
  'payment_method.changed': {
    accountId: string;
  };
  /** The owner scheduled a plan change (R2.5): the owner is mailed what changes when. */
  'subscription.plan_change_scheduled': {
    accountId: string;
    /** The new plan's subscription_plans row. */
    planChangeId: string;
    /** The plans' Japanese names, from the catalogue of the day the change takes effect. */
    fromPlanName: string;
    toPlanName: string;
    /** 'YYYY-MM-DD' */
    effectiveOn: string;
  };
  /** A cancellation was accepted (R2.6), on the web or recorded by staff from a call. */
  'subscription.cancellation_scheduled': {
    accountId: string;
    cancellationId: string;
    /** 'YYYY-MM-DD': the contract's last day. */
    endsOn: string;
    viaPhone: boolean;
  };
  /** An identity document was uploaded, or attached by staff (R1.3): the owner is mailed its receipt. */
  'document.received': {
    accountId: string;
    documentId: string;
  };
  /** Staff approved or rejected an identity document (R1.3, R1.6): the owner is mailed the decision. */
  'document.decided': {
    accountId: string;
    documentId: string;
    approved: boolean;
    /** The reason the customer is shown, for a rejection. */
    rejectionReason: string | null;
  };
  /** Staff approved or rejected a memo, Q&A or announcement version (R5.3): the owner is mailed. */
  'memo.decided': {
    accountId: string;
    memoVersionId: string;
    kind: MemoKind;
    approved: boolean;
    /** The reason the customer is shown, for a rejection. */
    rejectReason: string | null;
  };
}

export type OutboxEventType = keyof OutboxEvents;
export type OutboxPayload<T extends OutboxEventType> = OutboxEvents[T];

/** An event as a producer writes it: `{ type, payload }`, the payload checked against its type. */
export type OutboxEventInput = {
  [T in OutboxEventType]: { type: T; payload: OutboxEvents[T] };
}[OutboxEventType];

/** An event as a subscriber reads it back: with its row's id and time. */
export type OutboxEventOf<T extends OutboxEventType> = {
  id: string;
  type: T;
  payload: OutboxEvents[T];
  createdAt: Date;
};
export type StoredOutboxEvent = { [T in OutboxEventType]: OutboxEventOf<T> }[OutboxEventType];

/** Every type of the catalogue at run time (the record makes the compiler keep it complete). */
const TYPES: Record<OutboxEventType, true> = {
  'number.issued': true,
  'inquiry.created': true,
  'inquiry.status_changed': true,
  'invoice.issued': true,
  'payment_method.changed': true,
  'invoice.payment_failed': true,
  'invoice.payment_action_required': true,
  'subscription.plan_change_scheduled': true,
  'subscription.cancellation_scheduled': true,
  'document.received': true,
  'document.decided': true,
  'memo.decided': true,
};
export const OUTBOX_EVENT_TYPES = Object.keys(TYPES) as OutboxEventType[];

export const isOutboxEventType = (type: string): type is OutboxEventType =>
  Object.prototype.hasOwnProperty.call(TYPES, type);

/**
 * A stored row as its catalogue type, or null for a type the catalogue does not know (a row of an
 * older release). The one place a row's JSON becomes a typed payload: rows are only written
 * through OutboxRepository.add, whose argument is checked against the catalogue.
 */
export function catalogued(row: {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}): StoredOutboxEvent | null {
  if (!isOutboxEventType(row.type)) return null;
  return { id: row.id, type: row.type, payload: row.payload, createdAt: row.createdAt } as StoredOutboxEvent;
}
