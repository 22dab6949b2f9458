import type { MigrationInterface } from 'typeorm';

/** Team invitations (R1.2) and API keys: timestamps 17646xxxxxxxx. */
export const TEAM_MIGRATIONS: (new () => MigrationInterface)[] = [];
