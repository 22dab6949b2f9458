/** The telephony feature's entities: calls, reception schedule (listed in database/entities.ts). */
export const TELEPHONY_ENTITIES: (new () => object)[] = [];
