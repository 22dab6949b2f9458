import { MemoVersion } from './memo-version.entity';

/** The memos module's entities (listed in database/entities.ts). */
export const MEMOS_ENTITIES: (new () => object)[] = [MemoVersion];
