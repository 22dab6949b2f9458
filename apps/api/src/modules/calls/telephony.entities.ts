import { Call } from './call.entity';
import { CallerBlock } from './caller-block.entity';
import { ReceptionScheduleRow } from './reception-schedule.entity';

/** The telephony feature's entities: calls, reception schedule (listed in database/entities.ts). */
export const TELEPHONY_ENTITIES: (new () => object)[] = [Call, CallerBlock, ReceptionScheduleRow];
