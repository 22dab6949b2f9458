import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { CATALOGUE_PATHS } from '../../../features/catalogue/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const PriceCataloguePage = lazy(() =>
  import('../../../features/catalogue/components/price-catalogue-page').then((m) => ({
    default: m.PriceCataloguePage,
  })),
);

/** Staff: the price catalogue with its history; admins schedule new prices. */
export const catalogueRoutes: RouteObject[] = [
  { path: CATALOGUE_PATHS.prices, element: <PriceCataloguePage /> },
];
