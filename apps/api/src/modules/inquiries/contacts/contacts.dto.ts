import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

export const CONTACT_LIMITS = { name: 100, reading: 100, company: 200, note: 500, number: 40 } as const;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional text: blank means "none" (null). */
const optionalText = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text === '' ? null : text;
};

/** R8.1: a known caller. */
export class CreateContactDto {
  @ApiProperty({ example: '090-1234-5678', description: 'A Japanese phone number, in any usual notation' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(CONTACT_LIMITS.number)
  number: string;

  @ApiProperty({ maxLength: CONTACT_LIMITS.name, example: '佐藤 一郎' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(CONTACT_LIMITS.name)
  name: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: CONTACT_LIMITS.reading,
    example: 'さとう いちろう',
  })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(CONTACT_LIMITS.reading)
  reading?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: CONTACT_LIMITS.company,
    example: '株式会社ABC',
  })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(CONTACT_LIMITS.company)
  company?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Shown to the operator with a VIP badge' })
  @IsOptional()
  @IsBoolean()
  vip?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: CONTACT_LIMITS.note,
    description: 'For the customer only; not shown to operators',
  })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(CONTACT_LIMITS.note)
  note?: string | null;
}

/** Only the fields sent change; null (or blank) clears an optional one. */
export class UpdateContactDto {
  @ApiPropertyOptional({ example: '090-1234-5678' })
  @Transform(trim)
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(CONTACT_LIMITS.number)
  number?: string;

  @ApiPropertyOptional({ maxLength: CONTACT_LIMITS.name })
  @Transform(trim)
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(CONTACT_LIMITS.name)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: CONTACT_LIMITS.reading })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(CONTACT_LIMITS.reading)
  reading?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: CONTACT_LIMITS.company })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(CONTACT_LIMITS.company)
  company?: string | null;

  @ApiPropertyOptional()
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  vip?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: CONTACT_LIMITS.note })
  @Transform(optionalText)
  @IsOptional()
  @IsString()
  @MaxLength(CONTACT_LIMITS.note)
  note?: string | null;
}

export class ContactDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '+819012345678', description: 'E.164' }) number: string;
  @ApiProperty({ example: '090-1234-5678' }) numberDisplay: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) reading: string | null;
  @ApiProperty({ type: String, nullable: true }) company: string | null;
  @ApiProperty() vip: boolean;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ContactsDto {
  @ApiProperty({ type: [ContactDto], description: 'By reading (else name), then number' })
  items: ContactDto[];
}
