export const WALLBOARD_PATHS = {
  board: '/wallboard',
} as const;
