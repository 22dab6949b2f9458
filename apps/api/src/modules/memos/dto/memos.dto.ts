import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  MEMO_KINDS,
  MEMO_LIMITS,
  MEMO_VERSION_STATUSES,
  type MemoKind,
  type MemoVersionStatus,
} from '@bc/domain';

/** A generous bound in UTF-16 units against huge bodies; the real limit is counted in characters. */
const RAW_MAX = 2000;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const CHAR_LIMIT = `at most ${MEMO_LIMITS.fieldCharacters} characters as a person sees them (grapheme clusters), no URL`;

/** R8.8: an optional window in which an approved version is live (ISO 8601 instants). */
export class MemoWindowDto {
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Once approved, live from this instant (default: from approval)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  liveFrom?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Live until this instant; then the previous version comes back (e.g. holiday text)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  liveUntil?: string | null;
}

/** R5.1: the answer memo's three fields; an empty field is allowed, an empty memo is not. */
export class SubmitMemoDto extends MemoWindowDto {
  @ApiProperty({ description: `基本情報: ${CHAR_LIMIT}`, example: '株式会社テレフォン 東京都千代田区…' })
  @Transform(trim)
  @IsString()
  @MaxLength(RAW_MAX)
  basicInfo: string;

  @ApiProperty({ description: `営業時間: ${CHAR_LIMIT}`, example: '平日 9:00〜18:00' })
  @Transform(trim)
  @IsString()
  @MaxLength(RAW_MAX)
  businessHours: string;

  @ApiProperty({
    description: `自由記載欄: ${CHAR_LIMIT}`,
    example: '「さとう」と「さいとう」の聞き間違いにご注意ください',
  })
  @Transform(trim)
  @IsString()
  @MaxLength(RAW_MAX)
  freeText: string;
}

export class QaPairInputDto {
  @ApiProperty({ description: CHAR_LIMIT, example: '駐車場はありますか' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(RAW_MAX)
  question: string;

  @ApiProperty({ description: CHAR_LIMIT, example: 'ビルの地下に3台分ございます' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(RAW_MAX)
  answer: string;
}

/** R5.5: the whole set of question→answer pairs (an empty set removes them all). */
export class SubmitQaDto extends MemoWindowDto {
  @ApiProperty({ type: [QaPairInputDto], maxItems: MEMO_LIMITS.qaPairs })
  @IsArray()
  @ArrayMaxSize(MEMO_LIMITS.qaPairs)
  @ValidateNested({ each: true })
  @Type(() => QaPairInputDto)
  items: QaPairInputDto[];
}

/** R3.6: what callers hear outside reception hours. */
export class SubmitAnnouncementDto extends MemoWindowDto {
  @ApiProperty({ description: CHAR_LIMIT, example: 'お電話ありがとうございます。本日は臨時休業です。' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(RAW_MAX)
  text: string;
}

/** R8.8: files an earlier approved version again, with an optional new window. */
export class RefileMemoDto extends MemoWindowDto {}

export class RejectMemoDto {
  @ApiProperty({ maxLength: MEMO_LIMITS.rejectReason, description: 'Shown to the customer' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(MEMO_LIMITS.rejectReason)
  reason: string;
}

export class MemoHistoryQuery {
  @ApiProperty({ enum: MEMO_KINDS, enumName: 'MemoKind' })
  @IsIn(MEMO_KINDS)
  kind: MemoKind;
}

export class MemoFieldsDto {
  @ApiProperty() basicInfo: string;
  @ApiProperty() businessHours: string;
  @ApiProperty() freeText: string;
}

export class QaPairDto {
  @ApiProperty() question: string;
  @ApiProperty() answer: string;
}

/** One filed version; exactly one of memo, qa and announcement is set, by kind. */
export class MemoVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MEMO_KINDS, enumName: 'MemoKind' }) kind: MemoKind;
  @ApiProperty({ enum: MEMO_VERSION_STATUSES, enumName: 'MemoVersionStatus' }) status: MemoVersionStatus;
  @ApiProperty({ type: MemoFieldsDto, nullable: true }) memo: MemoFieldsDto | null;
  @ApiProperty({ type: [QaPairDto], nullable: true }) qa: QaPairDto[] | null;
  @ApiProperty({ type: String, nullable: true }) announcement: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) liveFrom: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) liveUntil: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who filed it' }) submittedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The staff member who approved or rejected it' })
  decidedByName: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) refiledFrom: string | null;
}

/** R5.2: submissions this Japan-time month (every filed version counts, withdrawn or replaced too). */
export class MemoQuotaDto {
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty() used: number;
  @ApiProperty({ example: MEMO_LIMITS.submissionsPerMonth }) limit: number;
  @ApiProperty() remaining: number;
  @ApiProperty({
    example: '2027-01-01',
    description: 'The first Japan date a submission is allowed (today when some remain)',
  })
  nextAllowedDate: string;
}

export class MemoKindStateDto {
  @ApiProperty({ enum: MEMO_KINDS, enumName: 'MemoKind' }) kind: MemoKind;
  @ApiProperty({ description: 'May the account file this kind now (Q&A and announcement need their option)' })
  available: boolean;
  @ApiProperty({ type: MemoVersionDto, nullable: true, description: 'What operators (or callers) get now' })
  live: MemoVersionDto | null;
  @ApiProperty({ type: MemoVersionDto, nullable: true }) pending: MemoVersionDto | null;
  @ApiProperty({
    type: MemoVersionDto,
    nullable: true,
    description: 'The newest submission when it was rejected (with the reason)',
  })
  rejected: MemoVersionDto | null;
  @ApiProperty({ type: [MemoVersionDto], description: 'Approved versions waiting for their start time' })
  scheduled: MemoVersionDto[];
  @ApiProperty({ type: MemoQuotaDto }) quota: MemoQuotaDto;
}

export class MemoOverviewDto {
  @ApiProperty({ type: MemoKindStateDto }) memo: MemoKindStateDto;
  @ApiProperty({ type: MemoKindStateDto }) qa: MemoKindStateDto;
  @ApiProperty({ type: MemoKindStateDto }) announcement: MemoKindStateDto;
  @ApiProperty({ description: 'R3.6: what callers hear outside hours without an announcement of their own' })
  defaultAnnouncement: string;
  @ApiProperty({ format: 'date-time' }) serverTime: string;
}

export class MemoHistoryDto {
  @ApiProperty({ type: [MemoVersionDto], description: 'Approved versions, newest approval first' })
  items: MemoVersionDto[];
}

/** Staff: a pending version with what is live now, to show the change. */
export class MemoReviewItemDto {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ type: String, nullable: true }) accountName: string | null;
  @ApiProperty({ type: String, nullable: true }) companyName: string | null;
  @ApiProperty({ type: MemoVersionDto }) version: MemoVersionDto;
  @ApiProperty({ type: MemoVersionDto, nullable: true, description: 'The version live now (null: none yet)' })
  live: MemoVersionDto | null;
}

export class MemoReviewQueueDto {
  @ApiProperty({ type: [MemoReviewItemDto], description: 'Oldest submission first' })
  items: MemoReviewItemDto[];
  @ApiProperty() total: number;
}
