/**
 * Ports this feature reads through, filled in by later issues (memos, inquiries). Each has a
 * default that answers "nothing yet"; the owning module later binds its own implementation to the
 * token (`{ provide: OUT_OF_HOURS_TEXT_PROVIDER, useExisting: … }`).
 */

/** R3.6: the customer's own approved out-of-hours text (out-of-hours option), or null for the default. */
export interface OutOfHoursTextProvider {
  approvedOutOfHoursText(accountId: string): Promise<string | null>;
}
export const OUT_OF_HOURS_TEXT_PROVIDER = Symbol('OUT_OF_HOURS_TEXT_PROVIDER');

export class NoOutOfHoursText implements OutOfHoursTextProvider {
  async approvedOutOfHoursText(): Promise<string | null> {
    return null;
  }
}

export interface AnswerMemoQa {
  question: string;
  answer: string;
}
/** R5.1: the three fields of the answer memo ('' when the customer left one empty). */
export interface AnswerMemoFields {
  basicInfo: string;
  businessHours: string;
  freeText: string;
}
export interface AnswerMemo {
  /** The customer's approved answer memo (応答メモ) live now, or null when there is none. */
  memo: AnswerMemoFields | null;
  /** The approved Q&A live now (only while the account has the Q&A option). */
  qa: AnswerMemoQa[];
}

/** R5: the answer memo and Q&A shown in the screen pop. */
export interface AnswerMemoProvider {
  answerMemo(accountId: string): Promise<AnswerMemo>;
}
export const ANSWER_MEMO_PROVIDER = Symbol('ANSWER_MEMO_PROVIDER');

export class NoAnswerMemo implements AnswerMemoProvider {
  async answerMemo(): Promise<AnswerMemo> {
    return { memo: null, qa: [] };
  }
}

export interface PreviousInquiry {
  id: string;
  receivedAt: Date;
  callerName: string | null;
  summary: string;
}

/** R4: this caller's earlier inquiries for this customer, newest first. */
export interface PreviousInquiriesProvider {
  previousInquiries(accountId: string, callerE164: string): Promise<PreviousInquiry[]>;
}
export const PREVIOUS_INQUIRIES_PROVIDER = Symbol('PREVIOUS_INQUIRIES_PROVIDER');

export class NoPreviousInquiries implements PreviousInquiriesProvider {
  async previousInquiries(): Promise<PreviousInquiry[]> {
    return [];
  }
}

/** R8.1: a caller the customer listed in their address book. */
export interface KnownCaller {
  id: string;
  name: string;
  reading: string | null;
  company: string | null;
  vip: boolean;
}

/** R8.1: the customer's address-book entry for the caller's number, shown in the screen pop. */
export interface CallerContactProvider {
  knownCaller(accountId: string, callerE164: string): Promise<KnownCaller | null>;
}
export const CALLER_CONTACT_PROVIDER = Symbol('CALLER_CONTACT_PROVIDER');

export class NoCallerContacts implements CallerContactProvider {
  async knownCaller(): Promise<KnownCaller | null> {
    return null;
  }
}
