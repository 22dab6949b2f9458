import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { AccountSummaryDto } from './auth.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional details: a blank string clears the field, like null. */
const trimToNull = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};
/** An optional e-mail address: trimmed and lower-cased; blank clears it. */
const trimLowerToNull = ({ value }: { value: unknown }) => {
  const trimmed = trimToNull({ value });
  return typeof trimmed === 'string' ? trimmed.toLowerCase() : trimmed;
};
const present = (_: unknown, value: unknown) => value !== undefined;
const presentAndNotNull = (_: unknown, value: unknown) => value !== undefined && value !== null;

export const POSTAL_CODE_PATTERN = /^\d{3}-?\d{4}$/;

/** R1.7: the account's details as the customer sees and edits them. */
export class AccountDetailsDto extends AccountSummaryDto {
  @ApiProperty({ type: String, nullable: true, example: '03-1234-5678' }) contactPhone: string | null;
  @ApiProperty({ type: String, nullable: true, example: '123-4567' }) postalCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: '東京都千代田区丸の内1-1-1' }) address: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'info@example.co.jp',
    description: "Where inquiry notifications go; null means the owner's log-in address",
  })
  notificationEmail: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** R1.7: a partial update; a field left out is unchanged, null (or blank) clears an optional one. */
export class UpdateAccountDetailsDto {
  @ApiPropertyOptional({ example: '山田 太郎', maxLength: 100 })
  @ValidateIf(present)
  @Transform(trim)
  @MaxLength(100)
  @IsNotEmpty()
  @IsString()
  name?: string;

  @ApiPropertyOptional({
    example: '株式会社サンプル',
    maxLength: 200,
    description: 'Corporations only (cannot be emptied); refused for an individual',
  })
  @ValidateIf(present)
  @Transform(trim)
  @MaxLength(200)
  @IsNotEmpty({ message: 'companyName must not be empty' })
  @IsString()
  companyName?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '03-1234-5678',
    description: 'A Japanese phone number',
  })
  @ValidateIf(presentAndNotNull)
  @Transform(trimToNull)
  @MaxLength(40)
  @IsString()
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '123-4567', description: '7 digits' })
  @ValidateIf(presentAndNotNull)
  @Transform(trimToNull)
  @Matches(POSTAL_CODE_PATTERN, { message: 'postalCode must be 7 digits, e.g. 123-4567' })
  @IsString()
  postalCode?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    example: '東京都千代田区丸の内1-1-1',
    description: 'Prefecture and the rest of the address',
  })
  @ValidateIf(presentAndNotNull)
  @Transform(trimToNull)
  @MaxLength(200)
  @IsString()
  address?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 254,
    example: 'info@example.co.jp',
    description: "Where inquiry notifications go; null (or blank) means the owner's log-in address",
  })
  @ValidateIf(presentAndNotNull)
  @Transform(trimLowerToNull)
  @MaxLength(254)
  @IsEmail({}, { message: 'notificationEmail must be an e-mail address' })
  @IsString()
  notificationEmail?: string | null;
}
