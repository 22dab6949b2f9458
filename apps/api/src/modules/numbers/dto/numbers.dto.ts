import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { POOL_REFUSAL_REASONS, type PoolRefusalReason } from '../../../common/phone/japanese-phone';
import { PHONE_NUMBER_STATES, type PhoneNumberState } from '../phone-number.entity';
import { USAGE_METHODS, type UsageMethod } from '../number-usage.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const MAX_NUMBERS_PER_REQUEST = 500;

// ---- staff: the pool ----

export class AddNumbersDto {
  @ApiProperty({
    type: [String],
    example: ['03-1234-5678', '+81312345679'],
    minItems: 1,
    maxItems: MAX_NUMBERS_PER_REQUEST,
    description: 'Tokyo 03 numbers, in any usual notation',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_NUMBERS_PER_REQUEST)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  numbers: string[];
}

export const ADD_NUMBER_OUTCOMES = ['added', 'already_in_pool', 'refused'] as const;
export type AddNumberOutcome = (typeof ADD_NUMBER_OUTCOMES)[number];

export class AddNumberResultDto {
  @ApiProperty({ description: 'The number as sent' }) input: string;
  @ApiProperty({ enum: ADD_NUMBER_OUTCOMES, enumName: 'AddNumberOutcome' }) outcome: AddNumberOutcome;
  @ApiProperty({ type: String, nullable: true, example: '+81312345678' }) e164: string | null;
  @ApiProperty({ type: String, nullable: true, example: '03-1234-5678' }) display: string | null;
  @ApiProperty({
    enum: POOL_REFUSAL_REASONS,
    enumName: 'PoolRefusalReason',
    nullable: true,
    description: 'Why a refused number may not enter the pool',
  })
  reason: PoolRefusalReason | null;
}

export class AddNumbersResultDto {
  @ApiProperty({ type: [AddNumberResultDto], description: 'One entry per number sent, in order' })
  results: AddNumberResultDto[];
  @ApiProperty() added: number;
  @ApiProperty() alreadyInPool: number;
  @ApiProperty() refused: number;
}

export class PhoneNumberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '+81312345678' }) e164: string;
  @ApiProperty({ example: '03-1234-5678' }) display: string;
  @ApiProperty({
    enum: PHONE_NUMBER_STATES,
    enumName: 'PhoneNumberState',
    description: 'A number whose quarantine has ended is free',
  })
  state: PhoneNumberState;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) accountId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) assignedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) quarantinedUntil: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NumberCountsDto {
  @ApiProperty() free: number;
  @ApiProperty() assigned: number;
  @ApiProperty() quarantined: number;
  @ApiProperty() total: number;
}

export class NumbersPageDto {
  @ApiProperty({ type: [PhoneNumberDto] }) items: PhoneNumberDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ type: NumberCountsDto, description: 'The whole pool, per state (not only this page)' })
  counts: NumberCountsDto;
}

export class ListNumbersQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: PHONE_NUMBER_STATES, enumName: 'PhoneNumberState' })
  @IsOptional()
  @IsIn(PHONE_NUMBER_STATES)
  state?: PhoneNumberState;
}

export class IssueNumberDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A free number of the pool; omit for the next free one',
  })
  @IsOptional()
  @IsUUID()
  numberId?: string;
}

export class IssuedNumberDto {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ format: 'uuid' }) numberId: string;
  @ApiProperty({ example: '+81312345678' }) e164: string;
  @ApiProperty({ example: '03-1234-5678' }) display: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
}

// ---- customer: my number ----

export class NumberUsageDto {
  @ApiProperty({ enum: USAGE_METHODS, enumName: 'UsageMethod' }) method: UsageMethod;
  @ApiProperty({ type: String, nullable: true }) carrier: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+81612345678' }) forwardedFrom: string | null;
  @ApiProperty({ type: String, nullable: true, example: '06-1234-5678' }) forwardedFromDisplay: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MyNumberDto {
  @ApiProperty({ example: '+81312345678' }) e164: string;
  @ApiProperty({ example: '03-1234-5678' }) display: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: NumberUsageDto, nullable: true, description: 'Null until the customer tells us' })
  usage: NumberUsageDto | null;
}

const needsForwarding = (o: UpdateNumberUsageDto) => o.method === 'B' || o.method === 'C';

export class UpdateNumberUsageDto {
  @ApiProperty({
    enum: USAGE_METHODS,
    enumName: 'UsageMethod',
    description:
      'A: publish it directly; B: forward an existing line to it; C: point a 0120/0570 number at it',
  })
  @IsIn(USAGE_METHODS)
  method: UsageMethod;

  @ApiPropertyOptional({ maxLength: 50, example: 'NTT東日本', description: 'Required for B and C' })
  @ValidateIf(needsForwarding)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  carrier?: string;

  @ApiPropertyOptional({
    maxLength: 40,
    example: '06-1234-5678',
    description:
      'Required for B (a fixed, mobile or 050 line) and C (a 0120/0800/0570 number); any usual notation',
  })
  @ValidateIf(needsForwarding)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  forwardedFrom?: string;
}
