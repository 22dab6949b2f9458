import { ApiKey } from './api-key.entity';
import { Invitation } from './invitation.entity';

/** The team feature's entities: invitations and API keys (listed in database/entities.ts). */
export const TEAM_ENTITIES: (new () => object)[] = [Invitation, ApiKey];
