import type { MigrationInterface } from 'typeorm';
import { ACCOUNTS_MIGRATIONS } from './accounts';
import { BILLING_MIGRATIONS } from './billing';
import { DOCUMENTS_MIGRATIONS } from './documents';
import { INQUIRIES_MIGRATIONS } from './inquiries';
import { MEMOS_MIGRATIONS } from './memos';
import { NOTIFICATIONS_MIGRATIONS } from './notifications';
import { NUMBERS_MIGRATIONS } from './numbers';
import { PLATFORM_MIGRATIONS } from './platform';
import { TEAM_MIGRATIONS } from './team';
import { TELEPHONY_MIGRATIONS } from './telephony';

type MigrationClass = new () => MigrationInterface;
const timestamp = (m: MigrationClass) => Number(/(\d{13})$/.exec(m.name)?.[1] ?? 0);

/** Every migration, in timestamp order. Never edit one that has landed; add a new one. */
export const MIGRATIONS: MigrationClass[] = [
  ...ACCOUNTS_MIGRATIONS,
  ...DOCUMENTS_MIGRATIONS,
  ...TEAM_MIGRATIONS,
  ...BILLING_MIGRATIONS,
  ...NUMBERS_MIGRATIONS,
  ...TELEPHONY_MIGRATIONS,
  ...INQUIRIES_MIGRATIONS,
  ...NOTIFICATIONS_MIGRATIONS,
  ...MEMOS_MIGRATIONS,
  ...PLATFORM_MIGRATIONS,
].sort((a, b) => timestamp(a) - timestamp(b));
