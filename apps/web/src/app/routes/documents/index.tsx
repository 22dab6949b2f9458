import type { RouteObject } from 'react-router';

/** Slot for the documents feature's pages (logged-in customers). */
export const documentsRoutes: RouteObject[] = [];
