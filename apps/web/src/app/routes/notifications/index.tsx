import type { RouteObject } from 'react-router';

/** Slot for notification settings and deliveries (logged-in customers). */
export const notificationsRoutes: RouteObject[] = [];
