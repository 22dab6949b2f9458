import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CALL_END_STATUSES,
  CALL_OUTCOMES,
  CALL_STATES,
  type CallEndStatus,
  type CallOutcome,
  type CallState,
} from '../call.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

// ---- operators: the live queue and the screen pop ----

export class OperatorCallDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CALL_STATES, enumName: 'CallState' }) state: CallState;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) accountId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The customer as operators name them: the company, else the contracting person',
    example: '株式会社サンプル商事',
  })
  customerName: string | null;
  @ApiProperty({ type: String, nullable: true }) companyName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The contracting or contact person' })
  contactName: string | null;
  @ApiProperty({ description: 'The number called, E.164', example: '+81312345678' }) to: string;
  @ApiProperty({ example: '03-1234-5678' }) toDisplay: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The caller, E.164; null when withheld (非通知) or unknown',
    example: '+819012345678',
  })
  from: string | null;
  @ApiProperty({ type: String, nullable: true, example: '090-1234-5678' }) fromDisplay: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) claimedBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) claimedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endedAt: string | null;
  @ApiProperty({ enum: CALL_END_STATUSES, enumName: 'CallEndStatus', nullable: true })
  endStatus: CallEndStatus | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'R4.1: the inquiry recorded for this call, once the operator has recorded it',
  })
  inquiryId: string | null;
  @ApiProperty({ description: "R8.1: a VIP of the customer's address book (offered first)" }) vip: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The operator whose softphone rings for this call now',
  })
  offeredTo: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) answeredAt: string | null;
  @ApiProperty({ description: 'The caller is on hold (保留)' }) onHold: boolean;
  @ApiProperty({
    enum: CALL_OUTCOMES,
    enumName: 'CallOutcome',
    nullable: true,
    description: 'answered, or abandoned: the caller hung up before an operator answered',
  })
  outcome: CallOutcome | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Seconds from the start of the call to its answer (or to the caller hanging up)',
  })
  waitSeconds: number | null;
}

export class OperatorCallsDto {
  @ApiProperty({ type: [OperatorCallDto], description: 'Calls waiting in the queue, oldest first' })
  waiting: OperatorCallDto[];
  @ApiProperty({
    type: [OperatorCallDto],
    description: 'Calls I claimed and have not recorded yet: ongoing, or ended within the last day',
  })
  mine: OperatorCallDto[];
  @ApiProperty({ format: 'date-time', description: "The server's clock, to count elapsed time" })
  serverTime: string;
}

export const CALL_EVENT_TYPES = [
  'call.waiting',
  'call.offered',
  'call.claimed',
  'call.hold',
  'call.resumed',
  'call.ended',
  'call.recorded',
] as const;
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];

/** One Server-Sent Event of `GET /v1/operator/calls/stream` (`event:` is the type, `data:` this JSON). */
export class CallEventDto {
  @ApiProperty({ enum: CALL_EVENT_TYPES, enumName: 'CallEventType' }) type: CallEventType;
  @ApiProperty({ type: OperatorCallDto }) call: OperatorCallDto;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({
    enum: ['caller', 'operator'],
    description: 'call.ended of an answered call: who hung up first',
  })
  endedBy?: 'caller' | 'operator';
}

export class AnswerMemoQaDto {
  @ApiProperty() question: string;
  @ApiProperty() answer: string;
}

/** R5.1: the approved answer memo's three fields ('' when left empty). */
export class AnswerMemoFieldsDto {
  @ApiProperty({ description: '基本情報' }) basicInfo: string;
  @ApiProperty({ description: '営業時間' }) businessHours: string;
  @ApiProperty({ description: '自由記載欄' }) freeText: string;
}

export class AnswerMemoDto {
  @ApiProperty({
    type: AnswerMemoFieldsDto,
    nullable: true,
    description: 'The approved answer memo (応答メモ) live now; null when there is none',
  })
  memo: AnswerMemoFieldsDto | null;
  @ApiProperty({ type: [AnswerMemoQaDto] }) qa: AnswerMemoQaDto[];
}

export class PreviousInquiryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: String, nullable: true }) callerName: string | null;
  @ApiProperty() summary: string;
}

/** R8.1: the caller as the customer listed them in their address book. */
export class KnownCallerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '佐藤 一郎' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'さとう いちろう', description: 'よみがな' })
  reading: string | null;
  @ApiProperty({ type: String, nullable: true, example: '株式会社ABC' }) company: string | null;
  @ApiProperty({ description: 'Show a VIP badge' }) vip: boolean;
}

/** Everything the operator needs when answering: whose line it is and what to say. */
export class ScreenPopDto {
  @ApiProperty({ type: OperatorCallDto }) call: OperatorCallDto;
  @ApiProperty({
    description: "What the operator says first, in the customer's name",
    example: 'お電話ありがとうございます。株式会社サンプル商事でございます。',
  })
  greeting: string;
  @ApiProperty({ description: 'Seconds since the call began (server clock)' }) elapsedSeconds: number;
  @ApiProperty({ type: AnswerMemoDto }) answerMemo: AnswerMemoDto;
  @ApiProperty({
    type: [PreviousInquiryDto],
    description: "The caller's earlier inquiries for this customer, newest first",
  })
  previousInquiries: PreviousInquiryDto[];
  @ApiProperty({
    type: KnownCallerDto,
    nullable: true,
    description: "R8.1: the caller's entry in the customer's address book, when the number is listed",
  })
  contact: KnownCallerDto | null;
}

// ---- customers: the blocklist (R4.9) ----

export class CreateCallerBlockDto {
  @ApiProperty({ example: '090-1234-5678', description: 'A Japanese phone number, in any usual notation' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  number: string;

  @ApiPropertyOptional({ maxLength: 200, example: '営業電話' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class CallerBlockDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '+819012345678' }) e164: string;
  @ApiProperty({ example: '090-1234-5678' }) display: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CallerBlocksDto {
  @ApiProperty({ type: [CallerBlockDto], description: 'Newest first' }) items: CallerBlockDto[];
}

// ---- staff: reception hours (R3.5) ----

export const TIME_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class WeekdayHoursDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ type: String, nullable: true, example: '09:00', description: 'Null with close: closed' })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(TIME_PATTERN, { message: 'must be HH:MM' })
  open: string | null;

  @ApiProperty({ type: String, nullable: true, example: '18:00', description: 'Exclusive; may be 24:00' })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(TIME_PATTERN, { message: 'must be HH:MM' })
  close: string | null;
}

export class UpdateReceptionScheduleDto {
  @ApiProperty({ type: [WeekdayHoursDto], minItems: 7, maxItems: 7, description: 'One entry per weekday' })
  @IsArray()
  @ArrayMinSize(7)
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => WeekdayHoursDto)
  weekly: WeekdayHoursDto[];

  @ApiProperty({
    type: [String],
    example: ['2026-08-13'],
    description: 'Extra closed dates (Japan), YYYY-MM-DD',
  })
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(DATE_PATTERN, { each: true, message: 'each date must be YYYY-MM-DD' })
  closedDates: string[];

  @ApiProperty({ description: 'Closed on Japanese public holidays' })
  @IsBoolean()
  closedOnPublicHolidays: boolean;

  @ApiProperty({ description: 'Closed 29 December – 3 January' })
  @IsBoolean()
  closedYearEnd: boolean;
}

export class ReceptionScheduleDto {
  @ApiProperty({ type: [WeekdayHoursDto], description: 'Monday first' }) weekly: WeekdayHoursDto[];
  @ApiProperty({ type: [String] }) closedDates: string[];
  @ApiProperty() closedOnPublicHolidays: boolean;
  @ApiProperty() closedYearEnd: boolean;
  @ApiProperty({ example: 'Asia/Tokyo' }) timeZone: string;
  @ApiProperty({ description: 'Whether calls are being taken right now' }) openNow: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) updatedBy: string | null;
}

// ---- staff: the call simulator ----

export const SIMULATE_ACTIONS = ['ring', 'hangup'] as const;
export type SimulateAction = (typeof SIMULATE_ACTIONS)[number];

export class SimulateCallDto {
  @ApiProperty({ enum: SIMULATE_ACTIONS, enumName: 'SimulateAction' })
  @IsIn(SIMULATE_ACTIONS)
  action: SimulateAction;

  @ApiProperty({ example: '03-1234-5678', description: 'The number called (one we issued, or not)' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  to: string;

  @ApiPropertyOptional({
    example: '090-1234-5678',
    description: 'The caller: a Japanese number, or `anonymous` (非通知). Default anonymous.',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'The call to hang up (required for hangup); a new one for ring' })
  @ValidateIf((dto: SimulateCallDto) => dto.action === 'hangup' || dto.callSid !== undefined)
  @IsString()
  @Matches(/^CA[0-9a-fA-F]{32}$/, { message: 'must be a CallSid (CA + 32 hex digits)' })
  callSid?: string;

  @ApiPropertyOptional({
    enum: CALL_END_STATUSES,
    enumName: 'CallEndStatus',
    description: 'hangup: the final status (completed when absent)',
  })
  @IsOptional()
  @IsIn(CALL_END_STATUSES)
  status?: CallEndStatus;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 86400,
    description: 'hangup: CallDuration (seconds since the ring when absent)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  durationSeconds?: number;
}

export class SimulatorStatusDto {
  @ApiProperty({ description: 'TELEPHONY_SIMULATOR_ENABLED (on by default outside production)' })
  enabled: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The Twilio fake's phone page (a caller with real audio), when calls go through the fake",
  })
  phoneUrl: string | null;
}

export const SIMULATED_OUTCOMES = [
  'queued',
  'out_of_hours',
  'blocked',
  'not_in_service',
  'ended',
  'unknown',
] as const;
export type SimulatedOutcome = (typeof SIMULATED_OUTCOMES)[number];
export const CLOSED_REASONS = [
  'closed_date',
  'year_end',
  'public_holiday',
  'closed_day',
  'outside_hours',
] as const;

export class SimulateCallResultDto {
  @ApiProperty({ example: 'CA0123456789abcdef0123456789abcdef' }) callSid: string;
  @ApiProperty({
    enum: SIMULATED_OUTCOMES,
    enumName: 'SimulatedOutcome',
    description:
      'What became of the call: queued for operators, the out-of-hours announcement, blocked (R4.9), not in service, ended (hang-up)',
  })
  outcome: SimulatedOutcome;
  @ApiProperty({
    enum: CLOSED_REASONS,
    enumName: 'ReceptionClosedReason',
    nullable: true,
    description: 'out_of_hours: why reception was closed (R3.5)',
  })
  closedReason: (typeof CLOSED_REASONS)[number] | null;
  @ApiProperty({ description: 'Demo accounts answered at any hour (development only)' }) alwaysOpen: boolean;
  @ApiProperty({ description: 'Operators available (受付可 with the console open) when the call was queued' })
  operatorsAvailable: number;
  @ApiProperty({ type: [String], description: 'What the caller heard, in order (the <Say> texts)' })
  heard: string[];
  @ApiProperty({
    enum: ['twilio-fake', 'webhook'],
    description:
      'twilio-fake: placed as a real call through the local Twilio fake; webhook: only our webhook was posted',
  })
  via: 'twilio-fake' | 'webhook';
  @ApiProperty({ enum: ['voice', 'status'] }) webhook: 'voice' | 'status';
  @ApiProperty({ description: 'The public webhook URL that was posted to' }) url: string;
  @ApiProperty({ description: "The webhook's HTTP status" }) httpStatus: number;
  @ApiProperty({ type: String, nullable: true }) contentType: string | null;
  @ApiProperty({ description: 'The TwiML (or problem) answered' }) body: string;
}

// ---- Twilio's webhook parameters (documentation only: the routes read the raw form) ----

export class TwilioVoiceParamsDto {
  @ApiProperty({ example: 'CA0123456789abcdef0123456789abcdef' }) CallSid: string;
  @ApiProperty({ example: 'AC0123456789abcdef0123456789abcdef' }) AccountSid: string;
  @ApiProperty({ example: '+819012345678', description: 'The caller; anonymous ids are accepted' })
  From: string;
  @ApiProperty({ example: '+81312345678' }) To: string;
  @ApiProperty({ example: 'ringing' }) CallStatus: string;
  @ApiPropertyOptional({ example: 'inbound' }) Direction?: string;
  @ApiPropertyOptional({ description: 'Status callbacks: seconds the call lasted' }) CallDuration?: string;
  @ApiPropertyOptional({ description: 'Enqueue action: bridged, hangup, queue-full, error …' })
  QueueResult?: string;
}
