import type { InquiryCategory } from '@bc/domain';

/** Written to the outbox with every new inquiry (R4.2, R6): notifications fan it out. */
export const INQUIRY_CREATED_EVENT = 'inquiry.created';

export interface InquiryCreatedPayload {
  inquiryId: string;
  accountId: string;
  callbackRequired: boolean;
  urgent: boolean;
  category: InquiryCategory;
  /** ISO 8601: when the call came in. */
  receivedAt: string;
}
