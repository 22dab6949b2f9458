/** R3.4 and issue 14: the operators' desk (offered calls, screen pop, inquiry); R3.5 reception hours. */
export const CALLS_PATHS = {
  queue: '/calls',
  schedule: '/calls/schedule',
  /** Development and demos only (the API switches the simulator off in production). */
  simulator: '/calls/simulator',
} as const;
