import type { NotificationEmailAddress } from './notification-email-address.entity';
import type { NotificationEmailDto } from './notification-emails.dto';

export function toNotificationEmailDto(a: NotificationEmailAddress): NotificationEmailDto {
  return {
    id: a.id,
    email: a.email,
    status: a.confirmedAt ? 'confirmed' : 'pending',
    confirmedAt: a.confirmedAt ? a.confirmedAt.toISOString() : null,
    confirmationSentAt: a.confirmationSentAt.toISOString(),
    createdAt: a.createdAt.toISOString(),
  };
}
