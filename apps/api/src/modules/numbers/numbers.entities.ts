import { NumberUsage } from './number-usage.entity';
import { PhoneNumber } from './phone-number.entity';

/** The numbers module's TypeORM entities; database/entities.ts collects every module's list. */
export const NUMBERS_ENTITIES: (new () => object)[] = [PhoneNumber, NumberUsage];
