import type { RouteObject } from 'react-router';

/** Slot for the caller address book (logged-in customers). */
export const contactsRoutes: RouteObject[] = [];
