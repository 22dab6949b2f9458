import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const NOTIFICATION_EMAIL_STATUSES = ['confirmed', 'pending'] as const;
export type NotificationEmailStatus = (typeof NOTIFICATION_EMAIL_STATUSES)[number];

/** R6.1: one notification e-mail address as the customer sees it. */
export class NotificationEmailDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'info@example.co.jp' }) email: string;
  @ApiProperty({
    enum: NOTIFICATION_EMAIL_STATUSES,
    enumName: 'NotificationEmailStatus',
    description: 'confirmed: receives inquiry mail; pending: waits for its confirmation link to be opened',
  })
  status: NotificationEmailStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the last confirmation link was mailed' })
  confirmationSentAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const FALLBACK_SOURCES = ['notification_email', 'owner'] as const;

export class NotificationEmailsDto {
  @ApiProperty({ type: [NotificationEmailDto] }) items: NotificationEmailDto[];

  @ApiProperty({ description: 'How many addresses an account may have' }) max: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "Where inquiry mail goes while no address is confirmed: the account details' notification e-mail (R1.7), else the owner's login address",
  })
  fallbackAddress: string | null;

  @ApiProperty({
    enum: FALLBACK_SOURCES,
    enumName: 'NotificationEmailFallbackSource',
    nullable: true,
  })
  fallbackSource: (typeof FALLBACK_SOURCES)[number] | null;
}

export class AddNotificationEmailDto {
  @ApiProperty({ example: 'info@example.co.jp', maxLength: 254, description: 'Mailed a confirmation link' })
  @Transform(trimLower)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;
}

export class ConfirmNotificationEmailDto {
  @ApiProperty({ description: 'The `token` of the mailed link' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;
}

export class ConfirmedNotificationEmailDto {
  @ApiProperty({ example: 'info@example.co.jp', description: 'The address now confirmed' })
  email: string;
}
