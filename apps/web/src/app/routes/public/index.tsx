import type { RouteObject } from 'react-router';
import { publicPaths } from '../../../features/public/paths';
import { GuideRoute } from './guide';
import { PricingRoute } from './pricing';
import { PrivacyRoute } from './privacy';

/** Pages anyone can read, logged in or not: pricing, the user guide and FAQ, privacy, support. */
export const publicRoutes: RouteObject[] = [
  { path: publicPaths.pricing, element: <PricingRoute /> },
  { path: publicPaths.guide, element: <GuideRoute /> },
  { path: publicPaths.privacy, element: <PrivacyRoute /> },
];
