import type { RouteObject } from 'react-router';

/** Slot for the verification feature's pages (staff): the document review queue and viewer. */
export const verificationRoutes: RouteObject[] = [];
