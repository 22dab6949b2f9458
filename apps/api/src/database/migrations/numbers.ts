import type { MigrationInterface } from 'typeorm';
import { CreatePhoneNumbers1764200000000 } from './1764200000000-CreatePhoneNumbers';
import { CreateOutboxEvents1764200001000 } from './1764200001000-CreateOutboxEvents';

/** The numbers module's migrations (files named <unix-ms>-<VerbNoun>.ts beside this one). */
export const NUMBERS_MIGRATIONS: (new () => MigrationInterface)[] = [
  CreatePhoneNumbers1764200000000,
  CreateOutboxEvents1764200001000,
];
