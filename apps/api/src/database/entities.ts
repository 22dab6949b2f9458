import { Account } from '../modules/accounts/account.entity';
import { AccountHistoryEntry } from '../modules/accounts/account-history.entity';
import { DOCUMENTS_ENTITIES } from '../modules/accounts/documents/documents.entities';
import { EmailConfirmation } from '../modules/accounts/email-confirmation.entity';
import { RefreshToken } from '../modules/accounts/refresh-token.entity';
import { TEAM_ENTITIES } from '../modules/accounts/team/team.entities';
import { User } from '../modules/accounts/user.entity';
import { BILLING_ENTITIES } from '../modules/billing/billing.entities';
import { INQUIRIES_ENTITIES } from '../modules/inquiries/inquiries.entities';
import { MEMOS_ENTITIES } from '../modules/memos/memos.entities';
import { NOTIFICATIONS_ENTITIES } from '../modules/notifications/notifications.entities';
import { NUMBERS_ENTITIES } from '../modules/numbers/numbers.entities';
import { TELEPHONY_ENTITIES } from '../modules/calls/telephony.entities';
import { OutboxEvent } from '../outbox/outbox-event.entity';

/** Every entity, by module. Listed explicitly so the app, the CLI and tests load the same set. */
export const ENTITIES = [
  Account,
  User,
  RefreshToken,
  EmailConfirmation,
  AccountHistoryEntry,
  ...DOCUMENTS_ENTITIES,
  ...TEAM_ENTITIES,
  ...BILLING_ENTITIES,
  ...NUMBERS_ENTITIES,
  ...TELEPHONY_ENTITIES,
  ...INQUIRIES_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...MEMOS_ENTITIES,
  OutboxEvent,
];
