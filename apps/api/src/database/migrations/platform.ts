import type { MigrationInterface } from 'typeorm';
import { AddOutboxTraceContext1766910000000 } from './1766910000000-AddOutboxTraceContext';

/** Running in production (issue 16): timestamps 176691xxxxxxx. */
export const PLATFORM_MIGRATIONS: (new () => MigrationInterface)[] = [AddOutboxTraceContext1766910000000];
