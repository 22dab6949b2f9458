import type { MigrationInterface } from 'typeorm';

/** Telephony (calls, the operators' queue, reception hours): timestamps 17647xxxxxxxx. */
export const TELEPHONY_MIGRATIONS: (new () => MigrationInterface)[] = [];
