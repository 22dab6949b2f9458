import type { MigrationInterface } from 'typeorm';
import { CreateInquiries1764800000000 } from './1764800000000-CreateInquiries';
import { AddInquirySearchGrams1764820000000 } from './1764820000000-AddInquirySearchGrams';
import { CreateInquiryNotes1764850000000 } from './1764850000000-CreateInquiryNotes';
import { CreateInquiryCallbackAttempts1764860000000 } from './1764860000000-CreateInquiryCallbackAttempts';
import { CreateInquiryActionLinkUses1765600000000 } from './1765600000000-CreateInquiryActionLinkUses';

/** The inquiries module's migrations: timestamps 17648xxxxxxxx, then 17656xxxxxxxx. */
export const INQUIRIES_MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateInquiries1764800000000,
  AddInquirySearchGrams1764820000000,
  CreateInquiryNotes1764850000000,
  CreateInquiryCallbackAttempts1764860000000,
  CreateInquiryActionLinkUses1765600000000,
];
