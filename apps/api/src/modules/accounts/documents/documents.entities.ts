import { DocumentAccess } from './document-access.entity';
import { IdentityDocument } from './identity-document.entity';

/** The identity-documents feature's entities (listed in database/entities.ts). */
export const DOCUMENTS_ENTITIES: (new () => object)[] = [IdentityDocument, DocumentAccess];
