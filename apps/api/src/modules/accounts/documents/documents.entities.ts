/** The identity-documents feature's entities (listed in database/entities.ts). */
export const DOCUMENTS_ENTITIES: (new () => object)[] = [];
