import type { Provider } from '@nestjs/common';
import { CallerContactsController } from '../contacts/contacts.controller';
import { CallerContactsRepository } from '../contacts/contacts.repository';
import { CallerContactsService } from '../contacts/contacts.service';
import { UsageController } from '../usage/usage.controller';
import { UsageService } from '../usage/usage.service';
import { CountedCallsService } from '../usage/counted-calls.service';
import { InquiriesRecordingRepository } from './inquiries-recording.repository';
import { InquiriesRecordingService } from './inquiries-recording.service';
import { PreviousInquiriesService } from './previous-inquiries.service';

/**
 * Recording by operators (R4.1), the caller address book (R8.1) and the usage count (R2.2),
 * registered by InquiriesModule. The exported services are what calls (CallsModule) use.
 */
export const OPERATOR_INQUIRIES_CONTROLLERS = [CallerContactsController, UsageController];

export const OPERATOR_INQUIRIES_PROVIDERS: Provider[] = [
  InquiriesRecordingRepository,
  InquiriesRecordingService,
  PreviousInquiriesService,
  CallerContactsRepository,
  CallerContactsService,
  UsageService,
  CountedCallsService,
];

export const OPERATOR_INQUIRIES_EXPORTS = [
  InquiriesRecordingService,
  PreviousInquiriesService,
  CallerContactsService,
  CountedCallsService,
];
