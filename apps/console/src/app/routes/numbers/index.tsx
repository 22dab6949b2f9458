import type { RouteObject } from 'react-router';

/** Staff: the number pool, customer accounts, and issuing a number to an account. */
export const numberRoutes: RouteObject[] = [];
