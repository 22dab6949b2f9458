import { ApiProperty } from '@nestjs/swagger';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  type DeliveryChannel,
  type DeliveryStatus,
} from './notification-delivery.entity';

/** R6.4: one channel's delivery of an inquiry, as the customer sees it. */
export class InquiryDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: DELIVERY_CHANNELS, enumName: 'DeliveryChannel' })
  channel: DeliveryChannel;

  @ApiProperty({
    enum: ['inquiry.created', 'inquiry.status_changed', 'inquiry.reminder'],
    enumName: 'DeliveryEvent',
    description:
      'What it tells: the new inquiry, a change of its status (webhooks only), or the reminder of a call back still not done (R8.2)',
  })
  event: 'inquiry.created' | 'inquiry.status_changed' | 'inquiry.reminder';

  @ApiProperty({
    description: 'Where it goes: the e-mail address, or the webhook / Slack / Teams endpoint id',
    example: 'info@example.jp',
  })
  target: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "What to show for the target: the e-mail address, or the endpoint's description (else its URL's host); null when the endpoint was deleted",
    example: 'info@example.jp',
  })
  targetLabel: string | null;

  @ApiProperty({ enum: DELIVERY_STATUSES, enumName: 'DeliveryStatus' })
  status: DeliveryStatus;

  @ApiProperty({ description: 'Sending attempts so far' })
  attempts: number;

  @ApiProperty({ type: String, nullable: true, description: 'The last failure (retrying or failed)' })
  lastError: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class InquiryDeliveriesDto {
  @ApiProperty({ type: [InquiryDeliveryDto] })
  items: InquiryDeliveryDto[];
}

export const EMAIL_RECIPIENT_SOURCES = ['confirmed', 'notification_email', 'owner'] as const;
export type EmailRecipientSource = (typeof EMAIL_RECIPIENT_SOURCES)[number];

/** R6.1: where inquiry e-mails go now. */
export class EmailNotificationSettingsDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The first address new inquiries are mailed to; null when the account has none',
  })
  address: string | null;

  @ApiProperty({
    type: [String],
    description: 'Every address new inquiries are mailed to when no routing rule says otherwise',
  })
  addresses: string[];

  @ApiProperty({
    enum: EMAIL_RECIPIENT_SOURCES,
    enumName: 'EmailRecipientSource',
    nullable: true,
    description:
      "confirmed: the account's confirmed notification addresses; notification_email: the account details' notification e-mail (R1.7), used while none is confirmed; owner: the owner's login address",
  })
  source: EmailRecipientSource | null;
}
