export const QUEUES_PATHS = {
  dashboard: '/queues',
} as const;
