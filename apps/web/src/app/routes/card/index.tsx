import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const CardPage = lazy(() =>
  import('../../../features/card/components/card-page').then((m) => ({ default: m.CardPage })),
);

/** クレジットカード (logged-in customers; owner changes it, members read it). */
export const cardRoutes: RouteObject[] = [{ path: paths.card, element: <CardPage /> }];
