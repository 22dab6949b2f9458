/** The numbers module's TypeORM entities; database/entities.ts collects every module's list. */
export const NUMBERS_ENTITIES: (new () => object)[] = [];
