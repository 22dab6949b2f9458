import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { CALLS_PATHS } from '../../../features/calls/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const ReceptionSchedulePage = lazy(() =>
  import('../../../features/calls/components/reception-schedule-page').then((m) => ({
    default: m.ReceptionSchedulePage,
  })),
);
const SimulatorPage = lazy(() =>
  import('../../../features/calls/components/simulator-page').then((m) => ({ default: m.SimulatorPage })),
);
const DeskPage = lazy(() =>
  import('../../../features/desk/components/desk-page').then((m) => ({ default: m.DeskPage })),
);

/** Operators: the desk (calls offered to them, the screen pop, the inquiry); reception hours (admins edit). */
export const callsRoutes: RouteObject[] = [
  { path: CALLS_PATHS.queue, element: <DeskPage /> },
  { path: CALLS_PATHS.schedule, element: <ReceptionSchedulePage /> },
  { path: CALLS_PATHS.simulator, element: <SimulatorPage /> },
];
