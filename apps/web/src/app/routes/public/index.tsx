import type { RouteObject } from 'react-router';

/** Pages anyone can read, logged in or not: pricing, the user guide and FAQ, privacy, support. */
export const publicRoutes: RouteObject[] = [];
