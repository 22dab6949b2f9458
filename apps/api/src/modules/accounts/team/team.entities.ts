/** The team feature's entities: invitations and API keys (listed in database/entities.ts). */
export const TEAM_ENTITIES: (new () => object)[] = [];
