/** R3.4: the operators' live call queue and the screen pop of a claimed call; R3.5 reception hours. */
export const CALLS_PATHS = {
  queue: '/calls',
  schedule: '/calls/schedule',
} as const;
