import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CUSTOMER_ROLES, type CustomerRole } from '@bc/domain';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../password-rules';

const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

// ---- members ----

export class TeamMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '山田 太郎' }) name: string;
  @ApiProperty({ example: 'taro@example.co.jp' }) email: string;
  @ApiProperty({ enum: CUSTOMER_ROLES, enumName: 'CustomerRole' }) role: CustomerRole;
  @ApiProperty({ format: 'date-time', description: 'Member since' }) since: string;
  @ApiProperty({ description: 'This member is the caller' }) isYou: boolean;
}

export class TeamMembersDto {
  @ApiProperty({ type: [TeamMemberDto], description: 'Oldest first' }) items: TeamMemberDto[];
}

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: CUSTOMER_ROLES, enumName: 'CustomerRole' })
  @IsIn(CUSTOMER_ROLES)
  role: CustomerRole;
}

// ---- invitations (managed by the team) ----

export class InviteMemberDto {
  @ApiProperty({ example: 'hanako@example.co.jp', maxLength: 254 })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({
    enum: CUSTOMER_ROLES,
    enumName: 'CustomerRole',
    description: 'A member may invite members only (403 for owner)',
  })
  @IsIn(CUSTOMER_ROLES)
  role: CustomerRole;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: CUSTOMER_ROLES, enumName: 'CustomerRole' }) role: CustomerRole;
  @ApiProperty({ type: String, nullable: true, description: 'Who invited (their name at the time)' })
  invitedByName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ description: 'The link has expired; re-send it or withdraw it' }) expired: boolean;
}

export class InvitationsDto {
  @ApiProperty({ type: [InvitationDto], description: 'Pending invitations, newest first' })
  items: InvitationDto[];
}

// ---- the invited person (public, by the mailed token) ----

export class InvitationTokenDto {
  @ApiProperty({ description: 'The token of the mailed link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

export class InvitationPreviewDto {
  @ApiProperty({ description: "The inviting account's name (company name for a corporation)" })
  accountName: string;
  @ApiProperty({ enum: CUSTOMER_ROLES, enumName: 'CustomerRole' }) role: CustomerRole;
  @ApiProperty({ description: 'The invited address; it becomes the log-in e-mail' }) email: string;
  @ApiProperty({ type: String, nullable: true }) invitedByName: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class AcceptInvitationDto extends InvitationTokenDto {
  @ApiProperty({ example: '鈴木 花子', maxLength: 100 })
  @Transform(trim)
  @MaxLength(100)
  @IsString()
  @IsNotEmpty()
  name: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    format: 'password',
    description: 'Same rules as sign-up (checked against the invited address: 422 WEAK_PASSWORD)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password: string;
}
