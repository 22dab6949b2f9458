import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import {
  INQUIRY_CATEGORIES,
  INQUIRY_LIMITS,
  INQUIRY_STATUSES,
  type InquiryCategory,
  type InquiryStatus,
} from '@bc/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional text: absent, null and blank all mean "none". */
const optionalText = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text === '' ? null : text;
};

/** R4.1, R8.2: what the operator records about the call they answered. */
export class RecordInquiryDto {
  @ApiProperty({ maxLength: INQUIRY_LIMITS.callerName, example: '佐藤 一郎', description: 'お名前' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(INQUIRY_LIMITS.callerName)
  callerName: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: INQUIRY_LIMITS.callerCompany,
    example: '株式会社ABC',
    description: '会社名',
  })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(INQUIRY_LIMITS.callerCompany)
  callerCompany?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: INQUIRY_LIMITS.forWhom,
    example: '田中様',
    description: 'Whom in the customer’s company the call is for (ご用件の相手)',
  })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(INQUIRY_LIMITS.forWhom)
  forWhom?: string | null;

  @ApiProperty({ description: '折り返し 要 (true) / 不要 (false)' })
  @IsBoolean()
  callbackRequired: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '090-1234-5678',
    description: 'A Japanese phone number in any usual notation; required when callbackRequired',
  })
  @Transform(optionalText)
  @ValidateIf((dto: RecordInquiryDto) => dto.callbackNumber !== null && dto.callbackNumber !== undefined)
  @IsString()
  @MaxLength(40)
  callbackNumber?: string | null;

  @ApiProperty({ enum: INQUIRY_CATEGORIES, enumName: 'InquiryCategory' })
  @IsIn(INQUIRY_CATEGORIES)
  category: InquiryCategory;

  @ApiProperty({ maxLength: INQUIRY_LIMITS.content, description: '内容' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(INQUIRY_LIMITS.content)
  content: string;

  @ApiPropertyOptional({ default: false, description: 'R8.2: 急ぎ' })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;
}

/** The inquiry as recorded. */
export class RecordedInquiryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) callId: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the call came in' }) receivedAt: string;
  @ApiProperty({ type: String, nullable: true, example: '+819012345678' }) callerNumber: string | null;
  @ApiProperty() callerName: string;
  @ApiProperty({ type: String, nullable: true }) callerCompany: string | null;
  @ApiProperty({ type: String, nullable: true }) forWhom: string | null;
  @ApiProperty() callbackRequired: boolean;
  @ApiProperty({ type: String, nullable: true, example: '+819012345678' }) callbackNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '090-1234-5678' })
  callbackNumberDisplay: string | null;
  @ApiProperty({ enum: INQUIRY_CATEGORIES, enumName: 'InquiryCategory' }) category: InquiryCategory;
  @ApiProperty() content: string;
  @ApiProperty() urgent: boolean;
  @ApiProperty({ enum: INQUIRY_STATUSES, enumName: 'InquiryStatus' }) status: InquiryStatus;
  @ApiProperty({ type: String, nullable: true }) recordedByName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
