import type { RouteObject } from 'react-router';
import { ReceptionSchedulePage } from '../../../features/calls/components/reception-schedule-page';
import { CALLS_PATHS } from '../../../features/calls/paths';
import { SimulatorPage } from '../../../features/calls/components/simulator-page';
import { DeskPage } from '../../../features/desk/components/desk-page';

/** Operators: the desk (calls offered to them, the screen pop, the inquiry); reception hours (admins edit). */
export const callsRoutes: RouteObject[] = [
  { path: CALLS_PATHS.queue, element: <DeskPage /> },
  { path: CALLS_PATHS.schedule, element: <ReceptionSchedulePage /> },
  { path: CALLS_PATHS.simulator, element: <SimulatorPage /> },
];
