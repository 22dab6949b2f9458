import type { RouteObject } from 'react-router';

/** Slot for the calls feature's pages (operators): the live queue and a claimed call. */
export const callsRoutes: RouteObject[] = [];
