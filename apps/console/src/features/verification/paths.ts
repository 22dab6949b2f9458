/** R1.3/R1.4: the document review queue, a document's viewer, and one account's documents. */
export const VERIFICATION_PATHS = {
  queue: '/verification',
  document: (id: string) => `/verification/documents/${id}`,
  /** Linked from the console account page: keep this path exactly. */
  account: (id: string) => `/verification/accounts/${id}`,
} as const;
