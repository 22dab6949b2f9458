import type { RouteObject } from 'react-router';

/** Slot for the card feature's pages (logged-in customers). */
export const cardRoutes: RouteObject[] = [];
