import type { MigrationInterface } from 'typeorm';

/** The notifications module's migrations (files named <unix-ms>-<VerbNoun>.ts beside this one). */
export const NOTIFICATIONS_MIGRATIONS: (new () => MigrationInterface)[] = [];
