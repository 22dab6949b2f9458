export const NUMBERS_PATHS = {
  pool: '/numbers',
  accounts: '/accounts',
} as const;
