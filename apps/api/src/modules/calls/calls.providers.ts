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
import { CallerContactsService } from '../inquiries/contacts/contacts.service';
import { PreviousInquiriesService } from '../inquiries/recording/previous-inquiries.service';
import { MemosService } from '../memos/memos.service';
import {
  ANSWER_MEMO_PROVIDER,
  CALLER_CONTACT_PROVIDER,
  OUT_OF_HOURS_TEXT_PROVIDER,
  PREVIOUS_INQUIRIES_PROVIDER,
} from './telephony.ports';
import { TelephonySimulatorService } from './telephony-simulator.service';
import { TelephonyWebhookController } from './telephony-webhook.controller';
import { TelephonyWebhookService } from './telephony-webhook.service';
import { DeskController } from './desk/desk.controller';
import { DeskRepository } from './desk/desk.repository';
import { DeskService } from './desk/desk.service';
import { DeskViews } from './desk/desk-views';
import { DeskDispatcher } from './desk/dispatcher.service';
import { SoftphoneTokens } from './softphone-tokens';
import { TELEPHONY_PROVIDER, TwilioRestTelephony } from './telephony-provider';
import { UnrecordedCallsController } from './unrecorded/unrecorded-calls.controller';
import { UnrecordedCallsService } from './unrecorded/unrecorded-calls.service';
import { WallboardController } from './wallboard/wallboard.controller';
import { WallboardRepository } from './wallboard/wallboard.repository';
import { WallboardService } from './wallboard/wallboard.service';
import { WallboardStreamService } from './wallboard/wallboard-stream.service';

/** The calls module's controllers and providers. */
export const CALLS_CONTROLLERS = [
  DeskController,
  TelephonyWebhookController,
  OperatorCallsController,
  BlocklistController,
  TelephonyAdminController,
  WallboardController,
  UnrecordedCallsController,
];

export const CALLS_PROVIDERS: Provider[] = [
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
  DeskRepository,
  DeskViews,
  DeskDispatcher,
  DeskService,
  SoftphoneTokens,
  WallboardRepository,
  WallboardService,
  WallboardStreamService,
  UnrecordedCallsService,
  { provide: TELEPHONY_PROVIDER, useClass: TwilioRestTelephony },
  // Memos (exported by MemosModule, which CallsModule imports): approved, live content only.
  { provide: OUT_OF_HOURS_TEXT_PROVIDER, useExisting: MemosService },
  { provide: ANSWER_MEMO_PROVIDER, useExisting: MemosService },
  // Inquiries (exported by InquiriesModule, which CallsModule imports).
  { provide: PREVIOUS_INQUIRIES_PROVIDER, useExisting: PreviousInquiriesService },
  { provide: CALLER_CONTACT_PROVIDER, useExisting: CallerContactsService },
];
