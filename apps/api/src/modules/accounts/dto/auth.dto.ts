import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { ACCOUNT_TYPES, type AccountType } from '@bc/domain';
import { IsAcceptablePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-rules';

const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SignupDto {
  @ApiProperty({ example: 'taro@example.co.jp', maxLength: 254 })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @IsString()
  @IsAcceptablePassword()
  password: string;

  @ApiProperty({ enum: ACCOUNT_TYPES, enumName: 'AccountType' })
  @IsIn(ACCOUNT_TYPES)
  accountType: AccountType;

  @ApiProperty({
    example: '山田 太郎',
    maxLength: 100,
    description: 'Your name (for a corporation: the contact person)',
  })
  @Transform(trim)
  @MaxLength(100)
  @IsString()
  @IsNotEmpty()
  name: string;

  @ApiPropertyOptional({
    example: '株式会社サンプル',
    maxLength: 200,
    description: 'Required for a corporation',
  })
  // Only a corporation has one; an individual's is ignored (stored as null).
  @ValidateIf((o: SignupDto) => o.accountType === 'corporation')
  @Transform(trim)
  @MaxLength(200)
  @IsString()
  @IsNotEmpty({ message: 'companyName is required for a corporation' })
  companyName?: string;
}

export class LoginDto {
  @ApiProperty({ example: 'taro@example.co.jp' })
  @Transform(normaliseEmail)
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password: string;
}

export class AccountSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ACCOUNT_TYPES, enumName: 'AccountType' }) type: AccountType;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) companyName: string | null;
  @ApiProperty({ example: 'applied' }) state: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['owner', 'member', 'operator', 'admin'], enumName: 'Role' }) role:
    'owner' | 'member' | 'operator' | 'admin';
  @ApiProperty({ type: AccountSummaryDto, nullable: true }) account: AccountSummaryDto | null;
}

export class SessionDto {
  @ApiProperty({ description: 'Short-lived JWT; send as `Authorization: Bearer …`' }) accessToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 }) expiresIn: number;
  @ApiProperty({ type: MeDto }) user: MeDto;
}

export class AccountsPageDto {
  @ApiProperty({ type: [AccountSummaryDto] }) items: AccountSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** What the access token says, without touching the database (for integrators checking a token). */
export class WhoAmIDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ['owner', 'member', 'operator', 'admin'], enumName: 'Role' }) role:
    'owner' | 'member' | 'operator' | 'admin';
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) accountId: string | null;
}

export class SignupResultDto {
  @ApiProperty({ description: 'Where the confirmation link was mailed' }) email: string;
  @ApiProperty({ enum: ['confirmation_sent'] }) status: 'confirmation_sent';
}

export class ConfirmEmailDto {
  @ApiProperty({ description: 'The token from the mailed link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

export class ResendConfirmationDto {
  @ApiProperty({ example: 'taro@example.co.jp' })
  @Transform(normaliseEmail)
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;
}
