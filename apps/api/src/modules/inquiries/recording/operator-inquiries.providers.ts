import type { Provider } from '@nestjs/common';
import { CallerContactsController } from '../contacts/contacts.controller';
import { CallerContactsRepository } from '../contacts/contacts.repository';
import { CallerContactsService } from '../contacts/contacts.service';
import { InquiriesRecordingRepository } from './inquiries-recording.repository';
import { InquiriesRecordingService } from './inquiries-recording.service';
import { PreviousInquiriesService } from './previous-inquiries.service';

/**
 * Recording by operators (R4.1) and the caller address book (R8.1), registered by InquiriesModule.
 * The exported services are what calls (CallsModule) use. (The usage count, R2.2, is the calls
 * module's: calls/usage.)
 */
export const OPERATOR_INQUIRIES_CONTROLLERS = [CallerContactsController];

export const OPERATOR_INQUIRIES_PROVIDERS: Provider[] = [
  InquiriesRecordingRepository,
  InquiriesRecordingService,
  PreviousInquiriesService,
  CallerContactsRepository,
  CallerContactsService,
];

export const OPERATOR_INQUIRIES_EXPORTS = [
  InquiriesRecordingService,
  PreviousInquiriesService,
  CallerContactsService,
];
