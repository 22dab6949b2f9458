import type { RouteObject } from 'react-router';

/** Slot for the team feature's pages (logged-in customers). */
export const teamRoutes: RouteObject[] = [];

/** Pages of the team feature that work logged out (accepting an invitation). */
export const teamPublicRoutes: RouteObject[] = [];
