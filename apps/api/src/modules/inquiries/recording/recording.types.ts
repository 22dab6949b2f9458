import type { InquiryCategory } from '@bc/domain';

/** What the operator typed (R4.1, R8.2), as the request carried it (strings trimmed). */
export interface InquiryFields {
  callerName: string;
  callerCompany?: string | null;
  forWhom?: string | null;
  callbackRequired: boolean;
  /** Any usual Japanese notation; stored as E.164. Required when callbackRequired. */
  callbackNumber?: string | null;
  category: InquiryCategory;
  content: string;
  urgent?: boolean;
}

/** The facts of the answered call, given by telephony (this module never reads the calls table). */
export interface AnsweredCall {
  callId: string;
  accountId: string;
  receivedAt: Date;
  /** E.164, or null when withheld (非通知). */
  callerNumber: string | null;
  recordedBy: string;
  recordedByName: string | null;
}
