import type { RouteObject } from 'react-router';
import { PriceCataloguePage } from '../../../features/catalogue/components/price-catalogue-page';
import { CATALOGUE_PATHS } from '../../../features/catalogue/paths';

/** Staff: the price catalogue with its history; admins schedule new prices. */
export const catalogueRoutes: RouteObject[] = [
  { path: CATALOGUE_PATHS.prices, element: <PriceCataloguePage /> },
];
