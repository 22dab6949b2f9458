import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  CALLBACK_NOTE_MAX_LENGTH,
  CALLBACK_OUTCOMES,
  INQUIRY_CATEGORIES,
  INQUIRY_STATUSES,
  type CallbackOutcome,
  type InquiryCategory,
  type InquiryStatus,
} from '@bc/domain';
import { PageQueryDto } from '../../../../common/pagination/page-query.dto';

export const CALLBACK_FILTERS = ['required', 'not_required'] as const;
export type CallbackFilter = (typeof CALLBACK_FILTERS)[number];
export const MAX_BULK_IDS = 100;
export const ASSIGNEE_FILTER =
  /^(me|unassigned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const trimToUndefined = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** `category=a&category=b` and `category=a,b` both mean "any of a, b". */
const toList = ({ value }: { value: unknown }) => {
  if (value === undefined || value === null || value === '') return undefined;
  const raw = Array.isArray(value) ? value : [value];
  const list = raw.flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  const cleaned = list.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
  return cleaned.length > 0 ? cleaned : undefined;
};

/** The filters of the list and of the CSV export (R4.3). */
export class InquiryFiltersQuery {
  @ApiPropertyOptional({ enum: INQUIRY_STATUSES, enumName: 'InquiryStatus' })
  @IsOptional()
  @Transform(trimToUndefined)
  @IsIn(INQUIRY_STATUSES)
  status?: InquiryStatus;

  @ApiPropertyOptional({
    enum: CALLBACK_FILTERS,
    enumName: 'CallbackFilter',
    description: '折り返し 要 / 不要',
  })
  @IsOptional()
  @Transform(trimToUndefined)
  @IsIn(CALLBACK_FILTERS)
  callback?: CallbackFilter;

  @ApiPropertyOptional({
    type: [String],
    enum: INQUIRY_CATEGORIES,
    enumName: 'InquiryCategory',
    description: 'Any of these categories: repeat the parameter or separate with commas',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(INQUIRY_CATEGORIES.length * 2)
  @IsIn(INQUIRY_CATEGORIES, { each: true })
  category?: InquiryCategory[];

  @ApiPropertyOptional({ example: '2026-11-01', description: 'Received on or after this day (Japan time)' })
  @IsOptional()
  @Transform(trimToUndefined)
  @IsString()
  @Matches(DATE_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Received on or before this day (Japan time)' })
  @IsOptional()
  @Transform(trimToUndefined)
  @IsString()
  @Matches(DATE_PATTERN, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: "Part of the caller's name or company, whom it is for, or the content",
  })
  @IsOptional()
  @Transform(trimToUndefined)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    example: 'me',
    description: "R8.7: `me` (the signed-in person), `unassigned`, or a team member's user id",
  })
  @IsOptional()
  @Transform(trimToUndefined)
  @IsString()
  @Matches(ASSIGNEE_FILTER, { message: 'assignee must be me, unassigned or a user id' })
  assignee?: string;
}

/** A page of the list with the filters. */
export class ListInquiriesQuery extends IntersectionType(PageQueryDto, InquiryFiltersQuery) {}

export class UpdateInquiryStatusDto {
  @ApiProperty({ enum: INQUIRY_STATUSES, enumName: 'InquiryStatus' })
  @IsIn(INQUIRY_STATUSES)
  status: InquiryStatus;
}

export class BulkUpdateInquiryStatusDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BULK_IDS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_IDS)
  @IsUUID('all', { each: true })
  ids: string[];

  @ApiProperty({ enum: INQUIRY_STATUSES, enumName: 'InquiryStatus' })
  @IsIn(INQUIRY_STATUSES)
  status: InquiryStatus;
}

export class BulkUpdateInquiryStatusResultDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      "The ids whose status changed (ids already in that status, or not this account's, are left out)",
  })
  updatedIds: string[];
}

export class InquiryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '+819012345678',
    description: 'Null: withheld (非通知)',
  })
  callerNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '090-1234-5678' }) callerNumberDisplay: string | null;
  @ApiProperty({ example: '佐藤 花子' }) callerName: string;
  @ApiProperty({ type: String, nullable: true }) callerCompany: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Whom the call is for' }) forWhom: string | null;
  @ApiProperty({ description: '折り返し 要 (true) / 不要 (false)' }) callbackRequired: boolean;
  @ApiProperty({ type: String, nullable: true, example: '+81312345678' }) callbackNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '03-1234-5678' }) callbackNumberDisplay:
    string | null;
  @ApiProperty({ enum: INQUIRY_CATEGORIES, enumName: 'InquiryCategory' }) category: InquiryCategory;
  @ApiProperty() content: string;
  @ApiProperty({ description: '急ぎ' }) urgent: boolean;
  @ApiProperty({ enum: INQUIRY_STATUSES, enumName: 'InquiryStatus' }) status: InquiryStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) statusChangedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) statusChangedByName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'R8.7: the member looking after it',
  })
  assigneeUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeName: string | null;
}

export class InquiryPageDto {
  @ApiProperty({ type: [InquiryDto], description: 'Newest first' }) items: InquiryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
  @ApiProperty() hasMore: boolean;
}

export class InquiryStatusChangeDto {
  @ApiProperty({ enum: INQUIRY_STATUSES, enumName: 'InquiryStatus' }) fromStatus: InquiryStatus;
  @ApiProperty({ enum: INQUIRY_STATUSES, enumName: 'InquiryStatus' }) toStatus: InquiryStatus;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
  @ApiProperty({ enum: ['customer', 'staff', 'system', 'api_key'] }) actorKind: string;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
}

export class InquiryNoteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: ['customer', 'staff', 'system', 'api_key'] }) authorKind: string;
  @ApiProperty({ type: String, nullable: true }) authorName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** R8.7: one call-back attempt and how it went. */
export class InquiryCallbackAttemptDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time', description: 'When the call back was tried' }) attemptedAt: string;
  @ApiProperty({
    enum: CALLBACK_OUTCOMES,
    enumName: 'CallbackOutcome',
    description: '話せた / 不在 / 留守電 / 話し中 / 番号違い',
  })
  outcome: CallbackOutcome;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: ['customer', 'staff', 'system', 'api_key'] }) actorKind: string;
  @ApiProperty({ type: String, nullable: true, description: 'The person or the API key that logged it' })
  actorName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class InquiryDetailDto extends InquiryDto {
  @ApiProperty({ type: [InquiryStatusChangeDto], description: 'Oldest first' })
  statusHistory: InquiryStatusChangeDto[];
  @ApiProperty({ type: [InquiryNoteDto], description: 'R8.7: internal notes, oldest first' })
  notes: InquiryNoteDto[];
  @ApiProperty({
    type: [InquiryCallbackAttemptDto],
    description: 'R8.7: call-back attempts, newest first',
  })
  callbackAttempts: InquiryCallbackAttemptDto[];
}

export const NOTE_MAX_LENGTH = 2000;

export class CreateInquiryNoteDto {
  @ApiProperty({ maxLength: NOTE_MAX_LENGTH, example: '明日の午前に折り返します' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTE_MAX_LENGTH)
  body: string;
}

export class AssignInquiryDto {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'An owner or member of this account; null: nobody',
  })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all')
  userId: string | null;
}

export class AssigneeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['owner', 'member'] }) role: string;
}

export class AssigneesDto {
  @ApiProperty({ type: [AssigneeDto], description: 'By name' }) items: AssigneeDto[];
}

export class CreateCallbackAttemptDto {
  @ApiProperty({ enum: CALLBACK_OUTCOMES, enumName: 'CallbackOutcome' })
  @IsIn(CALLBACK_OUTCOMES)
  outcome: CallbackOutcome;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-25T10:30:00+09:00',
    description:
      'When it was tried, with its offset (default: now). Not in the future, not before the inquiry arrived.',
  })
  @IsOptional()
  @IsString()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/i, { message: 'attemptedAt must carry a time zone (Z or +09:00)' })
  attemptedAt?: string;

  @ApiPropertyOptional({ maxLength: CALLBACK_NOTE_MAX_LENGTH, example: '明日の午前にもう一度' })
  @IsOptional()
  @Transform(trimToUndefined)
  @IsString()
  @MaxLength(CALLBACK_NOTE_MAX_LENGTH)
  note?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'Also mark the inquiry 対応済み, in the same transaction (a `reached` attempt never does so by itself)',
  })
  @IsOptional()
  @IsBoolean()
  markHandled?: boolean;
}
