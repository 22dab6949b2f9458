import type { InquiryStatus } from '@bc/domain';

/** Written to the outbox with every status change a customer makes (R4.3, R6.3): webhooks get it. */
export const INQUIRY_STATUS_CHANGED_EVENT = 'inquiry.status_changed';

export interface InquiryStatusChangedPayload {
  inquiryId: string;
  accountId: string;
  from: InquiryStatus;
  to: InquiryStatus;
  /** ISO 8601. */
  changedAt: string;
  /** The person's or API key's name, as the status history shows it; null when unknown. */
  actorName: string | null;
}
