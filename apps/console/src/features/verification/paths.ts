/** R1.3/R1.4: the document review queue and a document's viewer. */
export const VERIFICATION_PATHS = {
  queue: '/verification',
} as const;
