import type { RouteObject } from 'react-router';

/** Slot for the inquiry list and detail (logged-in customers). */
export const inquiriesRoutes: RouteObject[] = [];
