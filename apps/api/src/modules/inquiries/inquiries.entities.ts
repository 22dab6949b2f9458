import { CallerContact } from './caller-contact.entity';
import { Inquiry } from './inquiry.entity';
import { InquiryStatusChange } from './inquiry-status-change.entity';
import { InquiryCallbackAttempt } from './inquiry-callback-attempt.entity';

/** The inquiries module's entities (listed in database/entities.ts). */
export const INQUIRIES_ENTITIES: (new () => object)[] = [
  Inquiry,
  InquiryStatusChange,
  CallerContact,
  InquiryCallbackAttempt,
];
