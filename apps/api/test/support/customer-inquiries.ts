import type { Provider } from '@nestjs/common';
import { AccountHistoryService } from '../../src/modules/accounts/account-history.service';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { ApiKeysRepository } from '../../src/modules/accounts/team/api-keys.repository';
import { ApiKeysService } from '../../src/modules/accounts/team/api-keys.service';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import { CUSTOMER_INQUIRIES_PROVIDERS } from '../../src/modules/inquiries/customer/customer-inquiries.providers';
import { OutboxRepository } from '../../src/outbox/outbox.repository';

/**
 * The medium tier's set-up for the customer's inquiries (R4.2–R4.3, R8.7): CustomerInquiriesService
 * with its real repositories, and the accounts services it asks for people's and keys' names.
 */
export const CUSTOMER_INQUIRY_PROVIDERS: Provider[] = [
  ...CUSTOMER_INQUIRIES_PROVIDERS,
  AccountsService,
  AccountsRepository,
  UsersRepository,
  ApiKeysService,
  ApiKeysRepository,
  AccountHistoryService,
  OutboxRepository,
];
