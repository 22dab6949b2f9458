/** R3.4: the operators' live call queue and the screen pop of a claimed call. */
export const CALLS_PATHS = {
  queue: '/calls',
} as const;
