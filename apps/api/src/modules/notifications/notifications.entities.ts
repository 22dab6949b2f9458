/** The notifications module's TypeORM entities; database/entities.ts collects every module's list. */
export const NOTIFICATIONS_ENTITIES: (new () => object)[] = [];
