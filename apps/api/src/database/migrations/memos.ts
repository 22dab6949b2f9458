import type { MigrationInterface } from 'typeorm';
import { CreateMemoVersions1765100000000 } from './1765100000000-CreateMemoVersions';

/** The memos module's migrations: timestamps 17651xxxxxxxx. */
export const MEMOS_MIGRATIONS: (new () => MigrationInterface)[] = [CreateMemoVersions1765100000000];
