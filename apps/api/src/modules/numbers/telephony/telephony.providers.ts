import type { Provider } from '@nestjs/common';
import { BlocklistController } from './blocklist.controller';
import { BlocklistService } from './blocklist.service';
import { CallEventsService } from './call-events.service';
import { CallerBlocksRepository } from './caller-blocks.repository';
import { CallsRepository } from './calls.repository';
import { CallsStreamService } from './calls-stream.service';
import { OperatorCallsController } from './operator-calls.controller';
import { OperatorCallsService } from './operator-calls.service';
import { ReceptionScheduleRepository } from './reception-schedule.repository';
import { ReceptionScheduleService } from './reception-schedule.service';
import { TelephonyAdminController } from './telephony-admin.controller';
import { CallerContactsService } from '../../inquiries/contacts/contacts.service';
import { PreviousInquiriesService } from '../../inquiries/recording/previous-inquiries.service';
import {
  ANSWER_MEMO_PROVIDER,
  CALLER_CONTACT_PROVIDER,
  NoAnswerMemo,
  NoOutOfHoursText,
  OUT_OF_HOURS_TEXT_PROVIDER,
  PREVIOUS_INQUIRIES_PROVIDER,
} from './telephony.ports';
import { TelephonySimulatorService } from './telephony-simulator.service';
import { TelephonyWebhookController } from './telephony-webhook.controller';
import { TelephonyWebhookService } from './telephony-webhook.service';

/** The telephony feature's controllers and providers, registered by NumbersModule. */
export const TELEPHONY_CONTROLLERS = [
  TelephonyWebhookController,
  OperatorCallsController,
  BlocklistController,
  TelephonyAdminController,
];

export const TELEPHONY_PROVIDERS: Provider[] = [
  CallsRepository,
  CallerBlocksRepository,
  ReceptionScheduleRepository,
  CallEventsService,
  CallsStreamService,
  OperatorCallsService,
  ReceptionScheduleService,
  BlocklistService,
  TelephonyWebhookService,
  TelephonySimulatorService,
  // Ports filled in by the memos and inquiries issues (they rebind these tokens).
  { provide: OUT_OF_HOURS_TEXT_PROVIDER, useClass: NoOutOfHoursText },
  { provide: ANSWER_MEMO_PROVIDER, useClass: NoAnswerMemo },
  // Inquiries (exported by InquiriesModule, which NumbersModule imports).
  { provide: PREVIOUS_INQUIRIES_PROVIDER, useExisting: PreviousInquiriesService },
  { provide: CALLER_CONTACT_PROVIDER, useExisting: CallerContactsService },
];
