import type { MigrationInterface } from 'typeorm';
import { CreateAccountsAndAuth1764028800000 } from './1764028800000-CreateAccountsAndAuth';
import { AddEmailConfirmation1764300000000 } from './1764300000000-AddEmailConfirmation';
import { AddAccountContactDetails1764400000000 } from './1764400000000-AddAccountContactDetails';
import { BILLING_MIGRATIONS } from './billing';
import { NOTIFICATIONS_MIGRATIONS } from './notifications';
import { NUMBERS_MIGRATIONS } from './numbers';

type MigrationClass = new () => MigrationInterface;
const timestamp = (m: MigrationClass) => Number(/(\d{13})$/.exec(m.name)?.[1] ?? 0);

/** Every migration, in timestamp order. Never edit one that has landed; add a new one. */
export const MIGRATIONS: MigrationClass[] = [
  CreateAccountsAndAuth1764028800000,
  AddEmailConfirmation1764300000000,
  AddAccountContactDetails1764400000000,
  ...BILLING_MIGRATIONS,
  ...NUMBERS_MIGRATIONS,
  ...NOTIFICATIONS_MIGRATIONS,
].sort((a, b) => timestamp(a) - timestamp(b));
