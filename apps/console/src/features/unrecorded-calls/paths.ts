/** 未記録の応答: answered calls without an inquiry (R2.2). */
export const UNRECORDED_CALLS_PATHS = {
  list: '/unrecorded-calls',
} as const;
