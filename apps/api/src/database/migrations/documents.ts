import type { MigrationInterface } from 'typeorm';

/** Identity documents (R1.3) and their access log: timestamps 17645xxxxxxxx. */
export const DOCUMENTS_MIGRATIONS: (new () => MigrationInterface)[] = [];
