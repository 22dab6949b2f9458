import type { MigrationInterface } from 'typeorm';
import { CreateTeamInvitationsAndApiKeys1764600000000 } from './1764600000000-CreateTeamInvitationsAndApiKeys';

/** Team invitations (R1.2) and API keys: timestamps 17646xxxxxxxx. */
export const TEAM_MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateTeamInvitationsAndApiKeys1764600000000,
];
