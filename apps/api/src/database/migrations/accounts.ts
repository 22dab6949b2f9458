import type { MigrationInterface } from 'typeorm';
import { CreateAccountsAndAuth1764028800000 } from './1764028800000-CreateAccountsAndAuth';
import { AddEmailConfirmation1764300000000 } from './1764300000000-AddEmailConfirmation';
import { AddAccountContactDetails1764400000000 } from './1764400000000-AddAccountContactDetails';
import { AddOnboardingFacts1764450000000 } from './1764450000000-AddOnboardingFacts';

/** The accounts module's own migrations (users, auth, details, onboarding facts, history). */
export const ACCOUNTS_MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateAccountsAndAuth1764028800000,
  AddEmailConfirmation1764300000000,
  AddAccountContactDetails1764400000000,
  AddOnboardingFacts1764450000000,
];
