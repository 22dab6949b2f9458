import type { MigrationInterface } from 'typeorm';

/** The numbers module's migrations (files named <unix-ms>-<VerbNoun>.ts beside this one). */
export const NUMBERS_MIGRATIONS: (new () => MigrationInterface)[] = [];
