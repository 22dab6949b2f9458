/** The billing module's TypeORM entities; database/entities.ts collects every module's list. */
export const BILLING_ENTITIES: (new () => object)[] = [];
