import type { RouteObject } from 'react-router';

/** The customer's 03 number: what it is and how to use it (logged-in customers only). */
export const numberRoutes: RouteObject[] = [];
