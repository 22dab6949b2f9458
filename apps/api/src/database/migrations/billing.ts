import type { MigrationInterface } from 'typeorm';

/** The billing module's migrations (files named <unix-ms>-<VerbNoun>.ts beside this one). */
export const BILLING_MIGRATIONS: (new () => MigrationInterface)[] = [];
