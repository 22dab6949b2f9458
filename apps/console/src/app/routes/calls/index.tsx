import type { RouteObject } from 'react-router';
import { CallsPage } from '../../../features/calls/components/calls-page';
import { ReceptionSchedulePage } from '../../../features/calls/components/reception-schedule-page';
import { CALLS_PATHS } from '../../../features/calls/paths';

/** Operators: the live call queue and the screen pop; reception hours (admins edit). */
export const callsRoutes: RouteObject[] = [
  { path: CALLS_PATHS.queue, element: <CallsPage /> },
  { path: CALLS_PATHS.schedule, element: <ReceptionSchedulePage /> },
];
