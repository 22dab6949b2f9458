import type { MigrationInterface } from 'typeorm';
import { CreateIdentityDocuments1764500000000 } from './1764500000000-CreateIdentityDocuments';

/** Identity documents (R1.3) and their access log: timestamps 17645xxxxxxxx. */
export const DOCUMENTS_MIGRATIONS: (new () => MigrationInterface)[] = [CreateIdentityDocuments1764500000000];
