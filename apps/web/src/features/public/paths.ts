/** The public pages' paths (reachable logged in or not). */
export const publicPaths = {
  pricing: '/pricing',
  guide: '/guide',
  privacy: '/privacy',
} as const;
