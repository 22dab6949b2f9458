import type { RouteObject } from 'react-router';

/** Slot for the accounts feature's pages (staff): search, and an account's page with its history. */
export const accountsRoutes: RouteObject[] = [];
