export const CATALOGUE_PATHS = {
  prices: '/catalogue',
} as const;
