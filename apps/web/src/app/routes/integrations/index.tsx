import type { RouteObject } from 'react-router';

/** Slot for webhooks, Slack and Teams (logged-in customers). */
export const integrationsRoutes: RouteObject[] = [];
